/**
 * Who a client is and what it may do, as the broker asks it: the per-connection binding to the
 * policy ({@link io.topicguard.broker.auth.ClientAccess}), password verification off the event
 * loop ({@link io.topicguard.broker.auth.PasswordAuthenticator}) and the denial log line.
 */
package io.topicguard.broker.auth;
