package io.topicguard.auth.http;

import io.topicguard.auth.chain.ConnectCredentials;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills EMQX's placeholders ({@code ${username} ${password} ${clientid} ${peerhost} ${cn}
 * ${listener}}) from a CONNECT. Values go through an escaping function chosen by where the
 * template ends up (URL-encoding in a URL or query; none for a JSON body, whose writer escapes);
 * an absent value (no username, no certificate) is the empty string, as in EMQX.
 */
final class RequestTemplate {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z]+)}");

    private RequestTemplate() {
    }

    static Map<String, String> values(ConnectCredentials c) {
        Map<String, String> values = new HashMap<>();
        values.put("username", c.username());
        byte[] password = c.password();
        values.put("password", password == null ? null : new String(password, StandardCharsets.UTF_8));
        values.put("clientid", c.clientId());
        values.put("peerhost", c.peerHost());
        values.put("cn", c.tlsCommonName());
        values.put("listener", c.listener());
        return values;
    }

    static String fill(String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.containsKey(m.group(1)) ? values.get(m.group(1)) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value == null ? "" : value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
