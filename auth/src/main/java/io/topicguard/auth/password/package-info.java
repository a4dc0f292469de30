/**
 * mosquitto-compatible password files (docs/semantics.md, The password file): {@link io.topicguard.auth.password.PasswordFile}
 * verifies CONNECT passwords against {@code $7$}, {@code $6$} and bcrypt hashes;
 * {@link io.topicguard.auth.password.PasswordFileEditor} adds or updates users for
 * {@code topicguard passwd}.
 */
@NullMarked
package io.topicguard.auth.password;

import org.jspecify.annotations.NullMarked;
