/**
 * Who a client is and what it may do, as the broker asks it: the per-connection binding to the
 * policy ({@link io.topicguard.broker.auth.ClientAccess}) with how the authentication chain
 * admitted the client ({@link io.topicguard.broker.auth.Admission}: authenticator, superuser,
 * carried rules, expiry), how a CONNECT's identity is derived
 * ({@link io.topicguard.broker.auth.IdentityOptions}), the denial log line and the one line per
 * CONNECT the chain refused ({@link io.topicguard.broker.auth.AuthenticationLog}).
 */
package io.topicguard.broker.auth;
