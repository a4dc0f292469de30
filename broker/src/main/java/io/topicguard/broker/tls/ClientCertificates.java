package io.topicguard.broker.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import javax.net.ssl.SSLPeerUnverifiedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The identity a client proved with its TLS certificate: the common name that the policy sees as
 * {@code cn} (docs/semantics.md, The client: the common name of the client's verified TLS certificate).
 *
 * <p>Only a certificate the handshake verified against {@code --cafile} counts: without a CA file
 * the broker asks for no certificate at all, so a connection has a CN only when it was verified.
 * Read it after the handshake succeeded, e.g. when CONNECT arrives (TLS application data, and so
 * MQTT packets, flow only after it), from the channel attribute or from the session:
 * <pre>{@code
 * String cn = ctx.channel().attr(ClientCertificates.COMMON_NAME).get();        // or
 * String cn = ClientCertificates.commonName(ctx.channel()).orElse(null);
 * ClientInfo client = ClientInfo.builder(clientId).commonName(cn).listener("tls")...build();
 * }</pre>
 * Thread-safe.
 */
public final class ClientCertificates {

    /**
     * The CN of the verified client certificate, set on the channel by {@link TlsHandshakeLogger}
     * when the handshake succeeds (absent without a certificate); the broker reads it at CONNECT.
     */
    public static final AttributeKey<String> COMMON_NAME = AttributeKey.valueOf("topicguard.clientCertificateCn");

    private ClientCertificates() {
    }

    /**
     * The CN of the verified client certificate on this channel; empty when the channel has no
     * {@link SslHandler}, its handshake has not succeeded, or the client sent no certificate.
     */
    public static Optional<String> commonName(Channel channel) {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        return ssl == null ? Optional.empty() : commonName(ssl);
    }

    /** The CN of the verified client certificate of this handler's session, as {@link #commonName(Channel)}. */
    public static Optional<String> commonName(SslHandler ssl) {
        if (!ssl.handshakeFuture().isSuccess()) {
            return Optional.empty();
        }
        try {
            Certificate[] peer = ssl.engine().getSession().getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate certificate) {
                return commonName(certificate);
            }
            return Optional.empty();
        } catch (SSLPeerUnverifiedException noCertificate) {
            return Optional.empty();
        }
    }

    /**
     * The certificate's subject CN. With several CN attributes the first one in the encoded name
     * is taken, as mosquitto's {@code use_identity_as_username} does; an empty CN counts as none.
     */
    public static Optional<String> commonName(X509Certificate certificate) {
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            for (var attribute : rdn.getTypesAndValues()) {
                if (attribute.getType().equals(BCStyle.CN)) {
                    String value = text(attribute.getValue());
                    return value.isEmpty() ? Optional.empty() : Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String string ? string.getString() : value.toString();
    }
}
