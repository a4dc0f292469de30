/**
 * The broker's configuration file: one YAML file read by
 * {@link io.topicguard.auth.config.ConfigurationLoader} into an immutable
 * {@link io.topicguard.auth.config.Configuration} — the policy, listeners, the authentication
 * chain, persistence, metrics and the HTTP decision service.
 *
 * <p>The file is checked as strictly as a policy. Every problem (unknown key with a did-you-mean
 * hint, wrong type, missing file, bad duration or port, unset {@code ${env:NAME}}) is collected in
 * one pass and thrown together in a {@link io.topicguard.auth.config.ConfigException}, each as
 * {@code FILE:LINE:COL: error: MESSAGE}; nothing partial is ever returned. Positions come from
 * the YAML parser's token locations ({@code LocatedYaml}), since Jackson's tree model drops them.
 * Durations are written {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}; relative paths are
 * relative to the configuration file's directory.
 */
@NullMarked
package io.topicguard.auth.config;

import org.jspecify.annotations.NullMarked;
