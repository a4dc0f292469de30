/**
 * {@code topicguard lint}: warnings about policies that load but probably do not say what their
 * author meant (docs/language.md, Lint warnings). Entry point: {@link io.topicguard.engine.lint.PolicyLinter}.
 */
@NullMarked
package io.topicguard.engine.lint;

import org.jspecify.annotations.NullMarked;
