/**
 * What changes between two versions of a policy ({@code topicguard diff}): the statements added,
 * removed and moved in first-match order, and the questions whose answers change for sample
 * clients of the who-groups whose statements changed.
 */
@NullMarked
package io.topicguard.engine.diff;

import org.jspecify.annotations.NullMarked;
