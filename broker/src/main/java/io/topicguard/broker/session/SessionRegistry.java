package io.topicguard.broker.session;

import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.persistence.Persistence;
import io.topicguard.broker.persistence.SessionStore;
import io.topicguard.broker.routing.Subscription;
import io.topicguard.broker.routing.SubscriptionTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * All sessions by client id, and their lifecycle: attach with takeover (MQTT-3.1.4-3), clean
 * start, session expiry, and the will message with its delay (MQTT 5.0 §3.1.2.5, §3.1.3.2).
 *
 * <p>Lookups are lock-free; lifecycle changes are serialized on the registry.
 */
public final class SessionRegistry {

    /** MQTT 5: a Session Expiry Interval of 0xFFFFFFFF means the session does not expire (MQTT 5.0 §3.1.2.11.2). */
    public static final long NEVER_EXPIRES = 0xFFFF_FFFFL;

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    /** The session a CONNECT continues or creates, and the CONNACK's Session Present flag. */
    public record Attached(Session session, boolean present) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SubscriptionTree tree;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Will> willPublisher;
    private final QueueLimits queueLimits;
    private final int maxSessions;
    private final Persistence persistence;

    /**
     * @param willPublisher authorizes and routes a will; called on the scheduler, never under a lock
     * @param queueLimits   what each session may queue for its client
     * @param maxSessions   sessions held at most: a CONNECT that would create one more is refused
     */
    public SessionRegistry(SubscriptionTree tree, ScheduledExecutorService scheduler, Consumer<Will> willPublisher, QueueLimits queueLimits,
                           int maxSessions) {
        this(tree, scheduler, willPublisher, queueLimits, maxSessions, Persistence.NONE);
    }

    /** @param persistence where persistent sessions are kept beyond memory */
    public SessionRegistry(SubscriptionTree tree, ScheduledExecutorService scheduler, Consumer<Will> willPublisher, QueueLimits queueLimits,
                           int maxSessions, Persistence persistence) {
        this.persistence = persistence;
        this.tree = tree;
        this.scheduler = scheduler;
        this.willPublisher = willPublisher;
        this.queueLimits = queueLimits;
        this.maxSessions = maxSessions;
    }

    public Session get(String clientId) {
        return sessions.get(clientId);
    }

    public Collection<Session> all() {
        return List.copyOf(sessions.values());
    }

    /**
     * Makes {@code output} the owner of the session {@code clientId}: an existing connection is
     * taken over, a clean start discards the old session, and so does a different username or
     * certificate CN; otherwise the session is resumed (and a will still waiting for its delay is
     * cancelled, MQTT-3.1.3-9). For a resumed session the caller installs {@code access} by
     * re-classifying its subscriptions, sends CONNACK, then calls {@link Session#attach} to resend
     * what was in flight. Returns null, changing nothing, when a new session would exceed the
     * maximum number of sessions.
     */
    public synchronized Attached attach(String clientId, SessionOutput output, ClientAccess access, boolean cleanStart, long expirySeconds) {
        Session session = sessions.get(clientId);
        if (session == null && sessions.size() >= maxSessions) {
            return null;
        }
        if (session != null && session.owner != null) {
            SessionOutput previous = session.owner;
            session.owner = null;
            session.detach(previous);
            Will will = previous.takenOver();
            if (will != null) {
                scheduleWill(session, will);
            }
        }
        if (session != null) {
            cancel(session.expiryTask);
            session.expiryTask = null;
            if (cleanStart || !sameIdentity(session.access(), access)) {
                // A session is resumed only by the identity that built it: someone else presenting
                // its client id must not inherit its subscriptions and queued messages.
                end(session);
                session = null;
            } else if (session.pendingWill != null) {
                cancel(session.willTask);
                session.pendingWill = null;
                session.store().willGone();
            }
        }
        boolean present = session != null;
        if (session == null) {
            session = new Session(clientId, queueLimits);
            session.access(access);
            sessions.put(clientId, session);
        }
        // A resumed session keeps its old binding until the caller re-classifies its subscriptions
        // under the new one (PolicyReload), so that no subscription is unchecked in between.
        session.owner = output;
        session.expiryIntervalSeconds = expirySeconds;
        if (session.store() == SessionStore.NONE && expirySeconds > 0) {
            session.store(persistence.session(clientId)); // nothing is kept for a clean session
        }
        session.store().saved(access.client(), expirySeconds, -1);
        return new Attached(session, present);
    }

    private static boolean sameIdentity(ClientAccess before, ClientAccess now) {
        return before != null
                && java.util.Objects.equals(before.client().username(), now.client().username())
                && java.util.Objects.equals(before.client().commonName(), now.client().commonName());
    }

    /**
     * A reload: every will still waiting for its delay is bound to {@code next}, as connected
     * clients' wills are. (The will is authorized again when it is sent, so this keeps what the
     * session shows truthful rather than being the only guard.)
     */
    public synchronized void rebindPendingWills(AccessControl next) {
        for (Session s : sessions.values()) {
            Will w = s.pendingWill;
            if (w != null) {
                s.pendingWill = w.boundTo(next.bind(w.access().client(), w.access().admission()));
            }
        }
    }

    /** MQTT 5 DISCONNECT may change the expiry interval (MQTT 5.0 §3.14.2.2.2). */
    public synchronized void expiryInterval(Session session, long seconds) {
        session.expiryIntervalSeconds = seconds;
        session.store().saved(session.access().client(), seconds, -1);
    }

    /**
     * Puts back a persistent session read from the store at start, away from any connection: it
     * expires {@code remainingSeconds} from now unless its client comes back. The caller fills in
     * its subscriptions and messages, then installs its store.
     */
    public synchronized Session restore(String clientId, ClientAccess access, long expirySeconds, long remainingSeconds) {
        Session session = new Session(clientId, queueLimits);
        session.access(access);
        session.expiryIntervalSeconds = expirySeconds;
        sessions.put(clientId, session);
        if (expirySeconds != NEVER_EXPIRES) {
            session.expiryTask = schedule(() -> expire(session), remainingSeconds);
        }
        return session;
    }

    /**
     * The connection {@code output} of {@code session} closed. {@code will} is null after a normal
     * DISCONNECT (MQTT-3.14.4-3); otherwise it is published after its delay or when the session
     * ends, whichever is first. A connection that was taken over no longer owns the session and
     * changes nothing here.
     */
    public synchronized void disconnected(Session session, SessionOutput output, Will will) {
        if (session.owner != output || session.ended) {
            return;
        }
        session.owner = null;
        session.detach(output);
        if (will != null) {
            scheduleWill(session, will);
        }
        long expiry = session.expiryIntervalSeconds;
        if (expiry != 0) {
            session.store().saved(session.access().client(), expiry, System.currentTimeMillis());
        }
        if (expiry == 0) {
            end(session);
        } else if (expiry != NEVER_EXPIRES) {
            session.expiryTask = schedule(() -> expire(session), expiry);
        }
    }

    private synchronized void expire(Session session) {
        if (session.owner == null && !session.ended) {
            end(session);
        }
    }

    private void scheduleWill(Session session, Will will) {
        long delay = Math.min(will.delaySeconds(), session.expiryIntervalSeconds);
        if (delay <= 0) {
            publishLater(will);
            return;
        }
        long deadline = System.currentTimeMillis() + TimeUnit.SECONDS.toMillis(delay);
        // Stored before it waits: a restart finds it with its deadline (docs/broker.md, What survives what).
        session.store().willPending(will, deadline);
        waitForWill(session, will, TimeUnit.SECONDS.toMillis(delay));
        LOG.debug("will of {} pending for {} s", session.clientId(), delay);
    }

    private void waitForWill(Session session, Will will, long millis) {
        cancel(session.willTask);
        session.pendingWill = will;
        ScheduledFuture<?>[] task = new ScheduledFuture<?>[1];
        task[0] = scheduleMillis(() -> willDelayElapsed(session, task[0]), millis);
        session.willTask = task[0];
    }

    /**
     * Puts back the will of a restored session, read from the store at start: it is sent at
     * {@code deadline} (epoch millis), at once when that passed while the broker was down, unless
     * its client comes back first. Call after the session's store is installed.
     */
    public synchronized void restoreWill(Session session, Will will, long deadline) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            publishThenForget(session, will);
        } else {
            waitForWill(session, will, left);
        }
    }

    /** Sends the will of a session that ended while the broker was down (its expiry passed): read from the store at start. */
    public void sendWillOfEndedSession(Will will) {
        publishLater(will);
    }

    private synchronized void willDelayElapsed(Session session, ScheduledFuture<?> task) {
        // The task identifies the will: a reload may have replaced the Will object with a re-bound copy.
        if (session.willTask == task && session.pendingWill != null) {
            Will will = session.pendingWill;
            session.pendingWill = null;
            session.willTask = null;
            publishThenForget(session, will);
        }
    }

    /**
     * Publishes a pending will, then removes it from the store: in that order, so that no commit
     * holds the removal without the message the will became. Unless another will of the session
     * is waiting by then (its client came back and left again): that one stays stored.
     */
    private void publishThenForget(Session session, Will will) {
        try {
            scheduler.execute(() -> {
                willPublisher.accept(will);
                synchronized (this) {
                    if (session.pendingWill == null) {
                        session.store().willGone();
                    }
                }
            });
        } catch (RejectedExecutionException stopping) {
            // The broker is shutting down: the will stays stored and is sent after the restart.
        }
    }

    /** The session ends: its subscriptions go, and a will still waiting is sent now (MQTT 5.0 §3.1.3.2.2). */
    private void end(Session session) {
        session.ended = true;
        sessions.remove(session.clientId(), session);
        for (Subscription s : session.subscriptions()) {
            tree.remove(s);
        }
        if (session.pendingWill != null) {
            cancel(session.willTask);
            publishLater(session.pendingWill);
            session.pendingWill = null;
        }
        cancel(session.expiryTask);
        session.clear();
        session.endStore();
    }

    private void publishLater(Will will) {
        try {
            scheduler.execute(() -> willPublisher.accept(will));
        } catch (RejectedExecutionException stopping) {
            // The broker is shutting down: wills are not published then.
        }
    }

    private ScheduledFuture<?> schedule(Runnable task, long seconds) {
        return scheduleMillis(task, TimeUnit.SECONDS.toMillis(seconds));
    }

    private ScheduledFuture<?> scheduleMillis(Runnable task, long millis) {
        try {
            return scheduler.schedule(task, millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null; // shutting down: sessions live in memory only and go with the process
        }
    }

    private static void cancel(java.util.concurrent.Future<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }
}
