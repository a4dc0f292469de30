/**
 * topicguard's authentication: mosquitto-compatible password files, the authentication chain
 * with its password-file, JWT and HTTP authenticators, the rules an authentication carries, and
 * the broker's configuration file. Every package but {@code internal} is API; the machinery
 * inside each is package-private.
 */
module io.topicguard.auth {
    requires org.bouncycastle.provider;
    // CarriedRules.parse takes a JsonNode.
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires com.nimbusds.jose.jwt;
    requires java.net.http;
    // Annotations only (JSpecify null-ness): needed to compile, not to run.
    requires static transitive org.jspecify;

    exports io.topicguard.auth.password;
    exports io.topicguard.auth.config;
    exports io.topicguard.auth.chain;
    exports io.topicguard.auth.jwt;
    exports io.topicguard.auth.http;
    exports io.topicguard.auth.rules;
}
