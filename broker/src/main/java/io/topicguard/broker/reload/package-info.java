/**
 * Hot reload for {@code topicguard serve}: {@link io.topicguard.broker.reload.FileWatcher} notices
 * edits of the policy, its includes and the password file (in place or renamed over),
 * {@link io.topicguard.broker.reload.HangupSignal} turns SIGHUP into a reload, and
 * {@link io.topicguard.broker.reload.ReloadCoordinator} compiles off the event loop, swaps
 * atomically or keeps the old policy with an ERROR naming the file and the cause.
 */
package io.topicguard.broker.reload;
