/**
 * The test files of {@code topicguard test} ({@code *.acltest}): their grammar's driver, located
 * diagnostics in the policy language's style, and the immutable expectations they hold. Only the
 * language: running expectations against a policy is the engine's job
 * ({@code io.topicguard.engine.acltest.PolicyTests}).
 */
@NullMarked
package io.topicguard.dsl.acltest;

import org.jspecify.annotations.NullMarked;
