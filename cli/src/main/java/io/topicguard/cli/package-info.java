/**
 * The {@code topicguard} command line (docs/cli.md): {@link io.topicguard.cli.TopicguardCommand}
 * dispatches to {@code serve}, {@code check} (one question, or JSON Lines with {@code --batch}),
 * {@code lint} and {@code passwd}. Commands write only to the streams they are given, so they run
 * in-process in tests exactly as from a shell.
 */
package io.topicguard.cli;
