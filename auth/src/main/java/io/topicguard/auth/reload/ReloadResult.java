package io.topicguard.auth.reload;

import org.jspecify.annotations.Nullable;

/**
 * What one reload did, for the policy and for the password files. A file that failed
 * to load left the previous one in force; {@link #error()} says why.
 *
 * @param policy    the policy: unchanged (same bytes, or the same broken bytes as last time), reloaded or failed
 * @param passwords the password files together (failed when one failed, else reloaded when one was); {@link Outcome#UNCHANGED} without any
 * @param error     the problems of the file(s) that failed, or null when none did
 */
public record ReloadResult(Outcome policy, Outcome passwords, @Nullable String error) {

    /** How reloading one file ended. */
    public enum Outcome { UNCHANGED, RELOADED, FAILED }

    /** {@link Outcome#FAILED} when either failed, else {@link Outcome#RELOADED} when either was reloaded, else unchanged. */
    public Outcome outcome() {
        if (policy == Outcome.FAILED || passwords == Outcome.FAILED) {
            return Outcome.FAILED;
        }
        return policy == Outcome.RELOADED || passwords == Outcome.RELOADED ? Outcome.RELOADED : Outcome.UNCHANGED;
    }
}
