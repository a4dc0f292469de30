package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.client.parameter.Listener;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.engine.ClientInfo;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who a CONNECT says the client is, in topicguard's terms: the policy's client attributes
 * ({@link ClientInfo}) and the chain's credentials. {@code listener} is the HiveMQ listener's
 * name, {@code ip} the peer address, {@code cn} the common name of the verified TLS client
 * certificate, if any.
 */
final class ClientIdentity {

    /** What the chain is told when HiveMQ does not know the peer address (0.0.0.0: no {@code ip} term matches it). */
    private static final InetAddress UNKNOWN_ADDRESS = unspecified();

    private ClientIdentity() {
    }

    static ClientInfo info(String clientId, ConnectPacket connect, ConnectionInformation connection) {
        return ClientInfo.builder(clientId)
                .username(connect.getUserName().orElse(null))
                .address(connection.getInetAddress().orElse(null))
                .commonName(commonName(connection))
                .listener(connection.getListener().map(Listener::getName).orElse(null))
                .build();
    }

    static ConnectCredentials credentials(ClientInfo info, ConnectPacket connect) {
        byte[] password = connect.getPassword().map(ClientIdentity::bytes).orElse(null);
        try {
            return new ConnectCredentials(info.username(), password, info.clientId(),
                    info.address() == null ? UNKNOWN_ADDRESS : info.address(), info.commonName(),
                    info.listener() == null ? "" : info.listener());
        } finally {
            if (password != null) {
                Arrays.fill(password, (byte) 0);
            }
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.asReadOnlyBuffer();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }

    /** CN of the client certificate's subject, when the client presented a (verified) certificate. */
    static @Nullable String commonName(ConnectionInformation connection) {
        X509Certificate certificate = connection.getClientTlsInformation()
                .flatMap(ClientTlsInformation::getClientCertificate).orElse(null);
        if (certificate == null) {
            return null;
        }
        try {
            LdapName subject = new LdapName(certificate.getSubjectX500Principal().getName());
            for (Rdn rdn : subject.getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (InvalidNameException e) {
            return null;
        }
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
