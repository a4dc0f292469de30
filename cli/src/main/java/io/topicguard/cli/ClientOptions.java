package io.topicguard.cli;

import io.topicguard.engine.ClientInfo;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.InetAddress;

/**
 * The client a single {@code check} question is asked for: {@code --username}, {@code --clientid},
 * {@code --ip}, {@code --cn} and {@code --listener}, the attributes a policy's who-expressions
 * read (docs/semantics.md, The client).
 */
final class ClientOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--username", paramLabel = "U", description = "The client's username; absent: an anonymous client.")
    String username;

    @Option(names = {"--clientid", "--client-id"}, paramLabel = "C", description = "The client id (default: the empty client id).")
    String clientId;

    @Option(names = {"--ip", "--peer"}, paramLabel = "ADDR", description = "The client's address, an IPv4 or IPv6 literal (never resolved).")
    String ip;

    @Option(names = "--cn", paramLabel = "CN", description = "Common name of the client's verified TLS certificate.")
    String commonName;

    @Option(names = "--listener", paramLabel = "NAME", description = "The listener the client came in on, e.g. tcp or tls.")
    String listener;

    /** Whether any of the options was given. */
    boolean anyGiven() {
        return username != null || clientId != null || ip != null || commonName != null || listener != null;
    }

    /** The client the options describe; a usage error when {@code --ip} is not an IP literal. */
    ClientInfo client() {
        return client(listener);
    }

    /** The client the options describe, come in on {@code listenerName} (null: none). */
    ClientInfo client(String listenerName) {
        InetAddress address = null;
        if (ip != null) {
            try {
                address = IpLiteral.parse(ip);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command.commandLine(), "--ip: " + e.getMessage());
            }
        }
        return ClientInfo.builder(clientId == null ? "" : clientId)
                .username(username)
                .address(address)
                .commonName(commonName)
                .listener(listenerName)
                .build();
    }
}
