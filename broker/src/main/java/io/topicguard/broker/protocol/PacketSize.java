package io.topicguard.broker.protocol;

import io.netty.handler.codec.mqtt.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The encoded size of an MQTT 5 PUBLISH (MQTT 5.0 §3.3), to honour the client's Maximum Packet Size before encoding. */
final class PacketSize {

    private PacketSize() {
    }

    static long publish(String topic, int qos, int payloadLength, MqttProperties props) {
        long propertiesLength = properties(props);
        long remaining = 2L + utf8(topic) + (qos > 0 ? 2 : 0) + variableByteInteger(propertiesLength) + propertiesLength + payloadLength;
        return 1 + variableByteInteger(remaining) + remaining;
    }

    static long properties(MqttProperties props) {
        long n = 0;
        for (MqttProperties.MqttProperty<?> p : props.listAll()) {
            Object v = p.value();
            n += 1; // the property identifier, a one-byte variable byte integer for every defined id
            if (v instanceof Integer i) {
                n += integerWidth(p.propertyId(), i);
            } else if (v instanceof String s) {
                n += 2 + utf8(s);
            } else if (v instanceof byte[] b) {
                n += 2 + b.length;
            } else if (v instanceof List<?> pairs) {
                n -= 1; // every user property pair carries its own identifier
                for (Object o : pairs) {
                    MqttProperties.StringPair pair = (MqttProperties.StringPair) o;
                    n += 1 + 2 + utf8(pair.key) + 2 + utf8(pair.value);
                }
            }
        }
        return n;
    }

    private static int integerWidth(int propertyId, int value) {
        return switch (propertyId) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> 1; // byte properties
            case 0x13, 0x21, 0x22, 0x23 -> 2;                         // two-byte integers
            case 0x0B -> variableByteInteger(value);                  // subscription identifier
            default -> 4;                                             // four-byte integers
        };
    }

    static int variableByteInteger(long value) {
        return value < 128 ? 1 : value < 16_384 ? 2 : value < 2_097_152 ? 3 : 4;
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
