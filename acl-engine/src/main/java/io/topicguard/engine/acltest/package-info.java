/**
 * Runs the expectations of {@code *.acltest} files against a compiled policy and measures which
 * rules decided them: {@code topicguard test}, and the same from a JUnit test through
 * {@link io.topicguard.engine.acltest.PolicyTests#run}.
 */
@NullMarked
package io.topicguard.engine.acltest;

import org.jspecify.annotations.NullMarked;
