/**
 * Helpers shared by the auth packages and not part of the API (the module does not export this
 * package).
 */
@NullMarked
package io.topicguard.auth.internal;

import org.jspecify.annotations.NullMarked;
