/**
 * The local admin HTTP endpoints of a running broker (docs/operations.md): {@code GET /metrics}
 * (Prometheus text), {@code GET /policy} (files in force, last reload error),
 * {@code GET /clients/{clientid}} (a client as the policy sees it) and
 * {@code GET /clients/{clientid}/check?...} (a decision with its explanation, against the
 * client's real binding). Bound to loopback unless told otherwise; answers are JSON, errors are
 * 4xx with a message, never a stack trace.
 */
package io.topicguard.broker.admin;
