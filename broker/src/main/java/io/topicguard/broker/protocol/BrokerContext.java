package io.topicguard.broker.protocol;

import io.netty.channel.group.ChannelGroup;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.log.LogThrottle;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.SessionRegistry;

import java.util.Objects;

/**
 * What every connection of one broker shares: the sessions, the router, the policy in force and
 * the authentication chain. Thread-safe. The access control is only swapped by
 * {@link Connections#accessControl(AccessControl)}, which also re-binds every connection.
 */
final class BrokerContext {

    private final SessionRegistry sessions;
    private final SubscriptionTree subscriptions;
    private final MessageRouter router;
    private final AuthenticationChain authentication;
    private final IdentityOptions identity;
    private final ProtocolLimits limits;
    private final ChannelGroup channels;
    private final LogThrottle denials;
    private final LimitEvents limitEvents;
    private volatile AccessControl accessControl;
    private volatile boolean shuttingDown;

    /** @param authentication the chain CONNECTs are walked through; null for none (only anonymous clients, when the policy allows them) */
    BrokerContext(SessionRegistry sessions, SubscriptionTree subscriptions, MessageRouter router, AccessControl accessControl,
                  AuthenticationChain authentication, IdentityOptions identity, ProtocolLimits limits, ChannelGroup channels,
                  LogThrottle denials, LimitEvents limitEvents) {
        this.sessions = Objects.requireNonNull(sessions);
        this.subscriptions = Objects.requireNonNull(subscriptions);
        this.router = Objects.requireNonNull(router);
        this.accessControl = Objects.requireNonNull(accessControl, "accessControl");
        this.authentication = authentication;
        this.identity = Objects.requireNonNull(identity, "identity");
        this.limits = Objects.requireNonNull(limits);
        this.channels = Objects.requireNonNull(channels);
        this.denials = Objects.requireNonNull(denials);
        this.limitEvents = Objects.requireNonNull(limitEvents);
    }

    SessionRegistry sessions() {
        return sessions;
    }

    SubscriptionTree subscriptions() {
        return subscriptions;
    }

    MessageRouter router() {
        return router;
    }

    /** The authentication chain, or null when there is none. */
    AuthenticationChain authentication() {
        return authentication;
    }

    IdentityOptions identity() {
        return identity;
    }

    ProtocolLimits limits() {
        return limits;
    }

    ChannelGroup channels() {
        return channels;
    }

    /** Rate-limits the denial lines clients cause. */
    LogThrottle denials() {
        return denials;
    }

    /** Counts and logs clients running into a resource limit. */
    LimitEvents limitEvents() {
        return limitEvents;
    }

    AccessControl accessControl() {
        return accessControl;
    }

    /** New connections are bound to {@code next}; only {@link Connections} calls this, and re-binds the open ones. */
    void installAccessControl(AccessControl next) {
        this.accessControl = Objects.requireNonNull(next, "accessControl");
    }

    boolean shuttingDown() {
        return shuttingDown;
    }

    /** From now on, closing connections publish no wills: the broker is stopping, the clients did nothing wrong. */
    void beginShutdown() {
        shuttingDown = true;
    }
}
