package io.topicguard.authz;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A request's JSON object and the typed reading of its fields. Every reader either returns a
 * value of the contract's type or throws {@link BadRequest} naming the field; fields the
 * contract does not know (EMQX's {@code mountpoint}, VerneMQ's {@code payload}) are ignored.
 *
 * <p>EMQX renders every placeholder of its body template as a string, so QoS and retain arrive
 * as {@code "1"} and {@code "true"} from EMQX and as numbers and booleans from everyone else;
 * both are accepted.
 */
final class RequestBody {

    private final ObjectNode object;

    private RequestBody(ObjectNode object) {
        this.object = object;
    }

    static RequestBody parse(byte[] bytes) throws BadRequest {
        JsonNode tree;
        try {
            tree = Reply.JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw new BadRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadRequest("the body cannot be read: " + e.getMessage());
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new BadRequest("the body must be a JSON object");
        }
        return new RequestBody(object);
    }

    static RequestBody of(ObjectNode object) {
        return new RequestBody(object);
    }

    /** A string that must be present (it may be empty). */
    String requiredString(String field) throws BadRequest {
        String value = optionalString(field);
        if (value == null) {
            throw BadRequest.field(field, "missing (a string is required)");
        }
        return value;
    }

    /** A string, or null when the field is absent or JSON {@code null}. */
    @Nullable String optionalString(String field) throws BadRequest {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw BadRequest.field(field, "must be a string, was " + kind(node));
        }
        return node.textValue();
    }

    /** A QoS: 0, 1 or 2, as a number or EMQX's rendered string; {@code absent} when missing. */
    int qos(String field, int absent) throws BadRequest {
        return smallInt(field, 0, 2, absent);
    }

    /** An integer in {@code min..max}, as a number or a decimal string; {@code absent} when missing. */
    int smallInt(String field, int min, int max, int absent) throws BadRequest {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            if (absent < min) {
                throw BadRequest.field(field, "missing (a number " + min + ".." + max + " is required)");
            }
            return absent;
        }
        int value;
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            value = node.intValue();
        } else if (node.isTextual() && node.textValue().matches("[0-9]{1,3}")) {
            value = Integer.parseInt(node.textValue());
        } else {
            throw BadRequest.field(field, "must be a number " + min + ".." + max + ", was " + kind(node));
        }
        if (value < min || value > max) {
            throw BadRequest.field(field, "must be " + min + ".." + max + ", was " + value);
        }
        return value;
    }

    /** A flag: a boolean or EMQX's rendered {@code "true"} / {@code "false"}; {@code absent} when missing. */
    boolean flag(String field, boolean absent) throws BadRequest {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            switch (node.textValue().toLowerCase(Locale.ROOT)) {
                case "true":
                    return true;
                case "false":
                    return false;
                default:
                    break;
            }
        }
        throw BadRequest.field(field, "must be true or false, was " + kind(node));
    }

    /**
     * An IP address written as a literal ({@code 10.0.0.7}, {@code ::1}), or null when absent or
     * empty. Never a DNS lookup: a host name is a bad request.
     */
    @Nullable InetAddress address(String field) throws BadRequest {
        String text = optionalString(field);
        if (text == null || text.isEmpty()) {
            return null;
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(text);
        if (bytes == null) {
            throw BadRequest.field(field, "must be an IP address, was " + Values.quote(text));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw BadRequest.field(field, "must be an IP address, was " + Values.quote(text)); // not reached: 4 or 16 bytes
        }
    }

    /** The field's raw node, or null when absent. */
    @Nullable JsonNode node(String field) {
        return object.get(field);
    }

    static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "the string " + Values.quote(node.textValue());
        }
        if (node.isContainerNode()) {
            return node.isArray() ? "an array" : "an object";
        }
        return Values.cap(node.toString());
    }
}
