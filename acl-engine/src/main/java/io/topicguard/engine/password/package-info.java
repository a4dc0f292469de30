/**
 * mosquitto-compatible password files (DESIGN.md §6): {@link io.topicguard.engine.password.PasswordFile}
 * verifies CONNECT passwords against {@code $7$}, {@code $6$} and bcrypt hashes;
 * {@link io.topicguard.engine.password.PasswordFileEditor} adds or updates users for
 * {@code topicguard passwd}.
 */
package io.topicguard.engine.password;
