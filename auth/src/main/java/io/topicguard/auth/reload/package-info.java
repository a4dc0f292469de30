/**
 * Hot reload, shared by every server that enforces a policy (the broker, the decision service,
 * the HiveMQ extension): {@link io.topicguard.auth.reload.Reloader} keeps the policy loaded from a
 * {@link io.topicguard.auth.reload.PolicySource} and the password files of an authentication
 * chain in force, reloads them when their bytes change (watched through their directories, so
 * in-place edits and renames are both seen), on request (SIGHUP) or now, keeps the last good
 * version when a file breaks, and tells its owner what changed: a new policy to re-bind clients
 * to, users whose password was changed or removed. {@link io.topicguard.auth.reload.PolicyStatus}
 * and {@link io.topicguard.auth.reload.ReloadResult} say what is in force and how a reload went.
 * No Netty, no threads of the caller's.
 */
@NullMarked
package io.topicguard.auth.reload;

import org.jspecify.annotations.NullMarked;
