package io.topicguard.broker.protocol;

import io.netty.channel.group.ChannelGroup;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.PasswordAuthenticator;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.SessionRegistry;

import java.util.Objects;

/**
 * What every connection shares: the sessions, the router, the policy and the password file.
 * Thread-safe; the access control is swapped atomically (a reload affects new connections).
 */
public final class BrokerContext {

    private final SessionRegistry sessions;
    private final SubscriptionTree subscriptions;
    private final MessageRouter router;
    private final PasswordAuthenticator authenticator;
    private final ProtocolLimits limits;
    private final ChannelGroup channels;
    private volatile AccessControl accessControl;
    private volatile boolean shuttingDown;

    /**
     * @param authenticator null when no password file is configured: usernames are then accepted
     *                      without a password check
     */
    public BrokerContext(SessionRegistry sessions, SubscriptionTree subscriptions, MessageRouter router, AccessControl accessControl,
                         PasswordAuthenticator authenticator, ProtocolLimits limits, ChannelGroup channels) {
        this.sessions = Objects.requireNonNull(sessions);
        this.subscriptions = Objects.requireNonNull(subscriptions);
        this.router = Objects.requireNonNull(router);
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.authenticator = authenticator;
        this.limits = Objects.requireNonNull(limits);
        this.channels = Objects.requireNonNull(channels);
    }

    public SessionRegistry sessions() {
        return sessions;
    }

    public SubscriptionTree subscriptions() {
        return subscriptions;
    }

    public MessageRouter router() {
        return router;
    }

    public PasswordAuthenticator authenticator() {
        return authenticator;
    }

    public ProtocolLimits limits() {
        return limits;
    }

    public ChannelGroup channels() {
        return channels;
    }

    public AccessControl accessControl() {
        return accessControl;
    }

    /** New connections are bound to {@code next}; existing ones keep their binding. */
    public void accessControl(AccessControl next) {
        this.accessControl = Objects.requireNonNull(next, "accessControl");
    }

    public boolean shuttingDown() {
        return shuttingDown;
    }

    /** From now on, closing connections publish no wills: the broker is stopping, the clients did nothing wrong. */
    public void beginShutdown() {
        shuttingDown = true;
    }
}
