/**
 * The {@code jwt} authenticator: a JSON Web Token in the CONNECT password (or username),
 * verified by Nimbus JOSE + JWT against a shared secret (HS256/384/512), a PEM public key
 * (RS/PS/ES) or the keys of a JWKS URL (fetched and refreshed in the background; an unreachable
 * JWKS keeps the last good keys). {@code alg: none} and algorithms of another key type are
 * always refused; {@code exp}/{@code nbf} are checked with a leeway against an injectable clock;
 * pinned claims, the superuser claim and the carried {@code acl} rules come last.
 */
@NullMarked
package io.topicguard.auth.jwt;

import org.jspecify.annotations.NullMarked;
