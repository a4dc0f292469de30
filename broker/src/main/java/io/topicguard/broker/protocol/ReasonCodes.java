package io.topicguard.broker.protocol;

/** MQTT 5.0 reason codes the broker sends (MQTT 5.0 §2.4), named as the specification names them. */
final class ReasonCodes {

    static final byte SUCCESS = 0x00;
    static final byte NO_SUBSCRIPTION_EXISTED = 0x11;
    static final byte UNSPECIFIED_ERROR = (byte) 0x80;
    static final byte MALFORMED_PACKET = (byte) 0x81;
    static final byte PROTOCOL_ERROR = (byte) 0x82;
    static final byte NOT_AUTHORIZED = (byte) 0x87;
    static final byte SERVER_SHUTTING_DOWN = (byte) 0x8B;
    static final byte KEEP_ALIVE_TIMEOUT = (byte) 0x8D;
    static final byte SESSION_TAKEN_OVER = (byte) 0x8E;
    static final byte TOPIC_FILTER_INVALID = (byte) 0x8F;
    static final byte TOPIC_NAME_INVALID = (byte) 0x90;
    static final byte PACKET_ID_NOT_FOUND = (byte) 0x92;
    static final byte RECEIVE_MAXIMUM_EXCEEDED = (byte) 0x93;
    static final byte TOPIC_ALIAS_INVALID = (byte) 0x94;
    static final byte PACKET_TOO_LARGE = (byte) 0x95;
    static final byte QUOTA_EXCEEDED = (byte) 0x97;
    static final byte ADMINISTRATIVE_ACTION = (byte) 0x98;

    /** MQTT 3.1.1 SUBACK failure return code (MQTT 3.1.1 §3.9.3). */
    static final int V3_SUBACK_FAILURE = 0x80;

    private ReasonCodes() {
    }
}
