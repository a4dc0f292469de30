package io.topicguard.jmh.policy;

import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Verdict;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * One question asked of every implementation in a benchmark: a client and a topic and/or filter,
 * with the answer the policy was generated to give, so that a benchmark can refuse to measure a
 * setup that answers wrongly.
 *
 * @param label    what the query exercises, e.g. {@code "late"}
 * @param username the client's username
 * @param clientId the client's id
 * @param address  the client's address as a literal (never resolved through DNS)
 * @param topic    the topic name published or delivered, or null for a subscribe question
 * @param filter   the subscription filter, or null for a publish question
 * @param expected the answer the generated policy gives (docs/semantics.md)
 */
public record Query(String label, String username, String clientId, String address, String topic, String filter,
                    Verdict expected) {

    /** The client as the engine sees it, listener {@code tcp}. */
    public ClientInfo clientInfo() {
        try {
            // A literal address: getByName parses it without a lookup.
            return ClientInfo.builder(clientId).username(username).address(InetAddress.getByName(address))
                    .listener("tcp").build();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("generated address is not a literal: " + address, e);
        }
    }
}
