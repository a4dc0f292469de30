package io.topicguard.auth.config;

/** The language a policy file is written in: topicguard's own, or one the importers translate. */
public enum PolicyFormat {
    NATIVE, MOSQUITTO, EMQX
}
