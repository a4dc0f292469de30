package io.topicguard.authz;

import java.util.Map;

/** The policy and users the contract tests ask about, with the line numbers their answers name. */
final class ContractPolicy {

    static final String TEXT = String.join("\n",
            "default deny",                                                      // 1
            "anonymous deny",                                                    // 2
            "superuser username \"admin\"",                                      // 3
            "ban clientid \"banned-client\"",                                    // 4
            "deny username \"username\" to subscribe \"a/secret/#\"",            // 5
            "allow username \"username\" to publish, subscribe \"a/#\"",         // 6
            "allow username \"user\" to publish, subscribe \"topic\"",           // 7
            "");

    /** The users of the brokers' documentation examples, with the passwords those examples send. */
    static final Map<String, String> USERS = Map.of("username", "password", "user", "pass", "admin", "admin-pw");

    private ContractPolicy() {
    }
}
