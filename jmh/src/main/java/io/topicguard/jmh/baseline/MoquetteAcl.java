package io.topicguard.jmh.baseline;

import io.moquette.broker.security.ACLFileParser;
import io.moquette.broker.security.IAuthorizatorPolicy;
import io.moquette.broker.subscriptions.Topic;

import java.io.StringReader;
import java.text.ParseException;

/**
 * Baseline (c): Moquette 0.17's own ACL file parser and authorizator, exactly as its broker uses
 * them: a global list and a pattern list scanned linearly on every check, per-user lists in a map.
 * Each check parses the topic into Moquette's {@link Topic}, as its broker does for every PUBLISH.
 */
public final class MoquetteAcl {

    private final IAuthorizatorPolicy policy;

    private MoquetteAcl(IAuthorizatorPolicy policy) {
        this.policy = policy;
    }

    /**
     * @param aclText a file in Moquette's format, e.g. from {@link io.topicguard.jmh.policy.MoquetteAclFormat}
     * @throws IllegalArgumentException when Moquette rejects the text, with its message
     */
    public static MoquetteAcl parse(String aclText) {
        try {
            return new MoquetteAcl(ACLFileParser.parse(new StringReader(aclText)));
        } catch (ParseException e) {
            throw new IllegalArgumentException("Moquette rejected the ACL at offset " + e.getErrorOffset() + ": " + e.getMessage(), e);
        }
    }

    /** What Moquette's broker asks before accepting a PUBLISH. */
    public boolean canWrite(String topic, String username, String clientId) {
        return policy.canWrite(Topic.asTopic(topic), username, clientId);
    }

    /** What Moquette's broker asks before granting a SUBSCRIBE (with the filter) or delivering (with the topic). */
    public boolean canRead(String topicOrFilter, String username, String clientId) {
        return policy.canRead(Topic.asTopic(topicOrFilter), username, clientId);
    }
}
