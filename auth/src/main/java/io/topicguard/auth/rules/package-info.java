/**
 * Rules carried by a client's authentication: the {@code acl} claim of a JWT or the {@code acl}
 * field of an HTTP authentication response, in EMQX 5's list format or its older
 * {@code {"pub", "sub", "all"}} object. {@link io.topicguard.auth.rules.CarriedRules} checks
 * them into the engine's {@link io.topicguard.engine.ClientRule}s, all or nothing, which
 * {@link io.topicguard.engine.ClientRules#of} compiles for {@code Policy.bind(client, rules)}; the
 * policy decides where in first-match order they are evaluated (its {@code client rules} statement).
 */
@NullMarked
package io.topicguard.auth.rules;

import org.jspecify.annotations.NullMarked;
