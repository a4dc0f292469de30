package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.ChainResult;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.Admission;
import io.topicguard.broker.auth.AuthenticationLog;
import io.topicguard.broker.auth.ClientAccess;
import io.topicguard.broker.auth.DenialLog;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.delivery.PolicyReload;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.broker.session.Will;
import io.topicguard.broker.tls.ClientCertificates;
import io.topicguard.dsl.TopicSyntax;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.ClientRulesException;
import io.topicguard.engine.Decision;
import io.topicguard.engine.Reason;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static io.netty.handler.codec.mqtt.MqttConnectReturnCode.*;

/**
 * CONNECT of one connection: validate, bind the client to the policy once (docs/semantics.md, The client), ask
 * the engine's connect question (bans, anonymous) before any password work, walk the
 * authentication chain off the event loop (docs/semantics.md, The authentication chain), then
 * bind again with what the chain said (superuser, expiry), attach the session (takeover, clean
 * start), send CONNACK and schedule the disconnect at the credentials' expiry. Refusals use the codes of the
 * table of docs/semantics.md, In the broker, for the client's protocol version.
 */
final class ConnectFlow {

    private final ClientConnection c;
    /** Holds back the client's packets while its password is checked, and lets them through after. */
    private final MqttConnectionHandler reading;

    ConnectFlow(ClientConnection c, MqttConnectionHandler reading) {
        this.c = c;
        this.reading = reading;
    }

    /** Everything CONNECT asked for, kept while the chain is walked; {@code boundWith} is the policy its connect question was asked of. */
    private record Request(String clientId, boolean assignedId, boolean cleanStart, int keepAlive, long sessionExpiry,
                           int receiveMaximum, long maximumPacketSize, AccessControl boundWith, ClientInfo client,
                           MqttConnectMessage connect) {
    }

    /** What an empty chain answers: nobody knows the client. */
    private static final ChainResult NO_AUTHENTICATORS = new ChainResult(ChainResult.Outcome.NO_ANSWER, List.of());
    /** The address a credential check sees for a channel without an IP peer (an in-process channel). */
    private static final InetAddress UNKNOWN_ADDRESS = InetAddress.getLoopbackAddress();

    void onConnect(MqttConnectMessage msg) {
        MqttConnectVariableHeader vh = msg.variableHeader();
        MqttConnectPayload payload = msg.payload();
        // The decoder accepted the protocol name and level, so this cannot fail.
        c.version = MqttVersion.fromProtocolNameAndLevel(vh.name(), (byte) vh.version());
        boolean v5 = c.v5();
        MqttProperties props = vh.properties();

        if (v5 && props.getProperty(MqttPropertyType.AUTHENTICATION_METHOD.value()) != null) {
            c.refuse(CONNECTION_REFUSED_BAD_AUTHENTICATION_METHOD, null); // no enhanced authentication (MQTT 5.0 §4.12)
            return;
        }
        if (vh.hasPassword() && !vh.hasUserName() && !v5) {
            c.protocolError("a password without a username"); // MQTT-3.1.2-22
            return;
        }
        IdentityOptions identity = c.broker.identity();
        String commonName = c.channel.attr(ClientCertificates.COMMON_NAME).get();
        String username = vh.hasUserName() ? payload.userName() : null;
        if (identity.identityAsUsername()) {
            // mosquitto's use_identity_as_username: the verified certificate's CN is the username; no certificate, no entry.
            if (commonName == null) {
                MqttConnectionHandler.LOG.info("refusing {}: use-identity-as-username and no verified client certificate", c.peer());
                c.refuse(CONNECTION_REFUSED_NOT_AUTHORIZED_5, CONNECTION_REFUSED_NOT_AUTHORIZED);
                return;
            }
            username = commonName;
        }
        String sentClientId = payload.clientIdentifier() == null ? "" : payload.clientIdentifier();
        String clientId = sentClientId;
        boolean assigned = false;
        if (identity.usernameAsClientId()) {
            // mosquitto's use_username_as_clientid: one client id per username, so no one can take another's session.
            if (username == null) {
                MqttConnectionHandler.LOG.info("refusing {}: use-username-as-clientid and no username", c.peer());
                c.refuse(CONNECTION_REFUSED_NOT_AUTHORIZED_5, CONNECTION_REFUSED_NOT_AUTHORIZED);
                return;
            }
            clientId = username;
            assigned = v5 && !clientId.equals(sentClientId); // tell an MQTT 5 client the id it now has
        }
        if (clientId.isEmpty()) {
            if (!v5 && !vh.isCleanSession()) {
                c.refuse(null, CONNECTION_REFUSED_IDENTIFIER_REJECTED); // MQTT-3.1.3-8
                return;
            }
            clientId = "auto-" + UUID.randomUUID(); // MQTT-3.1.3-6
            assigned = v5;
        }
        if (vh.isWillFlag()) {
            String problem = TopicSyntax.nameProblem(payload.willTopic());
            if (problem != null) {
                MqttConnectionHandler.LOG.debug("refusing {}: will topic: {}", c.peer(), problem);
                c.refuse(CONNECTION_REFUSED_TOPIC_NAME_INVALID, null);
                return;
            }
        }
        if (vh.isWillFlag() && payload.willTopic().length() > c.broker.limits().maximumTopicLength()) {
            c.limitReached(LimitEvents.Limit.TOPIC_LENGTH, "will topic of " + payload.willTopic().length() + " characters");
            c.refuse(CONNECTION_REFUSED_TOPIC_NAME_INVALID, null);
            return;
        }
        int maximumKeepAlive = c.broker.limits().maximumKeepAlive();
        if (!v5 && maximumKeepAlive > 0 && (vh.keepAliveTimeSeconds() == 0 || vh.keepAliveTimeSeconds() > maximumKeepAlive)) {
            // MQTT 3.1.1 cannot be told a shorter keep-alive (mosquitto's max_keepalive does the same).
            c.limitReached(LimitEvents.Limit.KEEP_ALIVE, "keep-alive " + vh.keepAliveTimeSeconds() + " s");
            c.refuse(null, CONNECTION_REFUSED_IDENTIFIER_REJECTED);
            return;
        }
        // A session outlives its connection at most maximumSessionExpiry: MQTT 3.1.1 persistent
        // sessions (which ask for forever) included (mosquitto's persistent_client_expiration).
        long expiry = Math.min(c.broker.limits().maximumSessionExpiry(), v5 ? unsigned(props, MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0)
                : (vh.isCleanSession() ? 0 : SessionRegistry.NEVER_EXPIRES));
        int receiveMaximum = (int) (v5 ? unsigned(props, MqttPropertyType.RECEIVE_MAXIMUM, 0xFFFF) : 0xFFFF);
        long maximumPacketSize = v5 ? unsigned(props, MqttPropertyType.MAXIMUM_PACKET_SIZE, 0) : 0;
        if (v5 && (receiveMaximum == 0 || props.getProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value()) != null && maximumPacketSize == 0)) {
            c.protocolError("Receive Maximum or Maximum Packet Size of 0"); // MQTT 5.0 §3.1.2.11.3/4
            return;
        }

        ClientInfo client = new ClientInfo(clientId, username, peerAddress(), commonName,
                c.channel.attr(ChannelAttributes.LISTENER).get());
        AccessControl policy = c.broker.accessControl();
        ClientAccess access = policy.bind(client);
        // docs/semantics.md, Connect and In the broker: bans and anonymous are decided before any password work.
        Decision decision = access.connect();
        if (!decision.allowed()) {
            if (c.mayLogDenial()) {
                DenialLog.denied(client, "connect", null, decision);
            }
            if (decision.reason() == Reason.BANNED) {
                c.refuse(CONNECTION_REFUSED_BANNED, CONNECTION_REFUSED_NOT_AUTHORIZED);
            } else {
                c.refuse(CONNECTION_REFUSED_NOT_AUTHORIZED_5, CONNECTION_REFUSED_NOT_AUTHORIZED);
            }
            return;
        }

        Request request = new Request(clientId, assigned, vh.isCleanSession(), vh.keepAliveTimeSeconds(), expiry, receiveMaximum,
                maximumPacketSize, policy, client, msg);
        if (identity.identityAsUsername()) {
            // use_identity_as_username: the verified certificate is the credential; no password is asked for.
            establish(request, Admission.by("certificate"));
            return;
        }
        AuthenticationChain chain = c.broker.authentication();
        if (chain == null || chain.authenticators().isEmpty()) {
            afterChain(request, NO_AUTHENTICATORS);
            return;
        }
        reading.authenticating();
        ConnectCredentials credentials = new ConnectCredentials(username, payload.passwordInBytes(), clientId,
                client.address() == null ? UNKNOWN_ADDRESS : client.address(), commonName,
                client.listener() == null ? "-" : client.listener());
        CompletableFuture<ChainResult> walk = chain.authenticate(credentials);
        // A client that goes away while its walk waits in the queue costs no verification.
        c.channel.closeFuture().addListener(closed -> walk.cancel(false));
        // docs/semantics.md, In the broker: the chain ran on its own workers; continue on this channel's event loop.
        walk.thenAccept(result -> c.channel.eventLoop().execute(() -> afterChain(request, result)));
    }

    private void afterChain(Request request, ChainResult result) {
        if (!c.channel.isActive()) {
            return;
        }
        ClientInfo client = request.client();
        switch (result.outcome()) {
            case ALLOWED -> {
                Admission admission;
                try {
                    admission = Admission.of(result);
                } catch (ClientRulesException e) {
                    // docs/semantics.md, Client rules: a malformed carried rule refuses the CONNECT, never a half-applied set.
                    refuseCredentials(client, "rules", result, e.getMessage());
                    return;
                }
                establish(request, admission);
            }
            case NO_ANSWER -> {
                if (client.anonymous()) {
                    // No source knew it, and the policy's connect question already allowed anonymous clients.
                    establish(request, Admission.NONE);
                } else {
                    // docs/semantics.md, The authentication chain: a username is never let in merely because no source knew it.
                    refuseCredentials(client, "unknown", result, null);
                }
            }
            case DENIED -> refuseCredentials(client, "denied", result, null);
            case BUSY -> {
                if (c.mayLogDenial()) {
                    AuthenticationLog.refused(client, "busy", result, null);
                }
                c.refuse(CONNECTION_REFUSED_SERVER_BUSY, CONNECTION_REFUSED_SERVER_UNAVAILABLE);
                reading.resumeReading();
            }
        }
    }

    private void refuseCredentials(ClientInfo client, String outcome, ChainResult result, String detail) {
        if (c.mayLogDenial()) {
            AuthenticationLog.refused(client, outcome, result, detail);
        }
        c.refuse(CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD, CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        reading.resumeReading();
    }

    private void establish(Request r, Admission admission) {
        AccessControl now = c.broker.accessControl();
        ClientAccess access = now.bind(r.client(), admission);
        if (now != r.boundWith()) {
            // The policy was reloaded while the chain was walked: ask its connect question again.
            Decision d = access.connect();
            if (!d.allowed()) {
                if (c.mayLogDenial()) {
                    DenialLog.denied(access.client(), "connect", null, d);
                }
                c.refuse(d.reason() == Reason.BANNED ? CONNECTION_REFUSED_BANNED : CONNECTION_REFUSED_NOT_AUTHORIZED_5,
                        CONNECTION_REFUSED_NOT_AUTHORIZED);
                reading.resumeReading();
                return;
            }
        }
        c.accepted(access, r.receiveMaximum(), r.maximumPacketSize(), r.sessionExpiry(), will(r, access));

        SessionRegistry.Attached attached = c.broker.sessions().attach(r.clientId(), c, access, r.cleanStart(), r.sessionExpiry());
        if (attached == null) {
            c.limitReached(LimitEvents.Limit.SESSIONS, "no room for a new session");
            c.refuse(CONNECTION_REFUSED_QUOTA_EXCEEDED, CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            reading.resumeReading();
            return;
        }
        c.session = attached.session();
        if (attached.present()) {
            // The stored subscriptions were classified for the previous connection (its address,
            // listener, admission, or an older policy): classify them again for this one.
            PolicyReload.rebind(c.session, access, c.broker.subscriptions());
        }

        MqttProperties props = MqttProperties.NO_PROPERTIES;
        if (c.v5()) {
            props = new MqttProperties();
            ProtocolLimits limits = c.broker.limits();
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.MAXIMUM_PACKET_SIZE.value(), limits.maximumPacketSize()));
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value(), limits.topicAliasMaximum()));
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.RECEIVE_MAXIMUM.value(), limits.receiveMaximum()));
            long asked = unsigned(r.connect().variableHeader().properties(), MqttPropertyType.SESSION_EXPIRY_INTERVAL, 0);
            if (asked != r.sessionExpiry()) {
                // MQTT 5.0 §3.2.2.3.2: the server says which expiry it uses when it is not the one asked for.
                props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SESSION_EXPIRY_INTERVAL.value(), (int) r.sessionExpiry()));
            }
            if (keepAlive(r) != r.keepAlive()) {
                props.add(new MqttProperties.IntegerProperty(MqttPropertyType.SERVER_KEEP_ALIVE.value(), keepAlive(r)));
            }
            if (r.assignedId()) {
                props.add(new MqttProperties.StringProperty(MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(), r.clientId()));
            }
        }
        c.channel.writeAndFlush(Packets.connAck(CONNECTION_ACCEPTED, attached.present(), props));
        int aliases = c.v5() ? (int) Math.min(c.broker.limits().topicAliasMaximum(),
                unsigned(r.connect().variableHeader().properties(), MqttPropertyType.TOPIC_ALIAS_MAXIMUM, 0)) : 0;
        if (aliases > 0) {
            c.sendsTopicAliases = true;
            // Before anything is sent: the resends and retained messages below get aliases too.
            c.channel.pipeline().addBefore(c.channel.pipeline().context(reading).name(), OutboundTopicAliases.NAME,
                    new OutboundTopicAliases(aliases, r.maximumPacketSize()));
        }
        // After CONNACK: resend what was in flight, then what was queued (MQTT-4.4.0-1). Before the
        // packets held back during the credential check are replayed: a SUBSCRIBE among them must
        // find the session's output attached, or its retained QoS 0 messages would be dropped.
        c.session.attach(c);
        reading.connected(keepAlive(r));
        CredentialExpiry.schedule(c, admission);
    }

    /** The keep-alive in force: the client's, unless it exceeds the maximum (MQTT 5 Server Keep Alive, MQTT 5.0 §3.2.2.3.14). */
    private int keepAlive(Request r) {
        int max = c.broker.limits().maximumKeepAlive();
        return max > 0 && (r.keepAlive() == 0 || r.keepAlive() > max) ? max : r.keepAlive();
    }

    private Will will(Request r, ClientAccess access) {
        MqttConnectVariableHeader vh = r.connect().variableHeader();
        if (!vh.isWillFlag()) {
            return null;
        }
        MqttConnectPayload p = r.connect().payload();
        long delay = 0;
        MqttProperties forwarded = MqttProperties.NO_PROPERTIES;
        if (c.v5()) {
            delay = unsigned(p.willProperties(), MqttPropertyType.WILL_DELAY_INTERVAL, 0);
            forwarded = PublishFlow.forwardable(p.willProperties());
        }
        byte[] body = p.willMessageInBytes() == null ? new byte[0] : p.willMessageInBytes();
        return new Will(p.willTopic(), body, vh.willQos(), vh.isWillRetain(), forwarded, delay, access);
    }

    private static long unsigned(MqttProperties props, MqttPropertyType type, long absent) {
        if (props == null) {
            return absent;
        }
        MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? absent : Integer.toUnsignedLong((Integer) p.value());
    }

    private InetAddress peerAddress() {
        return c.channel.remoteAddress() instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }
}
