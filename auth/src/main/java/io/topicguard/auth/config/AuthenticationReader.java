package io.topicguard.auth.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code authentication:}, the ordered chain: a list whose entries each have one key
 * naming the authenticator ({@code - password-file: passwd}, {@code - jwt: {...}},
 * {@code - http: {...}}, {@code - trust-username: true}).
 */
final class AuthenticationReader {

    static final List<String> KINDS = List.of("password-file", "jwt", "http", "trust-username");
    static final List<String> JWT_KEYS = List.of("from", "secret", "secret-base64", "public-key", "jwks", "leeway",
            "require-exp", "claims", "superuser-claim", "acl-claim", "disconnect-on-expiry");
    static final List<String> HTTP_KEYS = List.of("url", "method", "headers", "body", "timeout", "pool");
    /** What a JWT's pinned claims may refer to. */
    static final List<String> CLAIM_PLACEHOLDERS = List.of("username", "clientid");
    /** What an HTTP request's URL and body may refer to (EMQX's names). */
    static final List<String> HTTP_PLACEHOLDERS = List.of("username", "password", "clientid", "peerhost", "cn", "listener");
    /** HS256, the weakest HMAC accepted, needs a key as long as its hash (RFC 7518 §3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private final Values values;

    AuthenticationReader(Values values) {
        this.values = values;
    }

    List<AuthenticatorConfig> read(YamlNode node) {
        if (!(node instanceof YamlNode.ListNode list)) {
            values.problems().add(node, "authentication must be a list, e.g. - password-file: passwd; found " + node.describe());
            return null;
        }
        List<AuthenticatorConfig> out = new ArrayList<>();
        boolean ok = true;
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.MapNode entry) || entry.entries().size() != 1) {
                values.problems().add(item, "each authentication entry is one authenticator, e.g. - password-file: passwd; found "
                        + (item instanceof YamlNode.MapNode m ? "a map with " + m.entries().size() + " keys" : item.describe()));
                ok = false;
                continue;
            }
            Map.Entry<YamlNode.Key, YamlNode> only = entry.entries().entrySet().iterator().next();
            YamlNode.Key key = only.getKey();
            YamlNode value = only.getValue();
            AuthenticatorConfig config;
            switch (key.name()) {
                case "password-file" -> {
                    Path file = values.existingFile(value, "password file");
                    config = file == null ? null : new PasswordFileConfig(file);
                }
                case "jwt" -> config = jwt(value);
                case "http" -> config = http(value);
                case "trust-username" -> {
                    Boolean on = values.bool(value, "trust-username");
                    if (Boolean.FALSE.equals(on)) {
                        continue; // written out to say "not this": nothing to add to the chain
                    }
                    config = on == null ? null : new TrustUsernameConfig();
                }
                default -> {
                    values.problems().add(key, "unknown authenticator '" + key.name() + "'"
                            + Values.hint(key.name(), KINDS, "; the authenticators are " + String.join(", ", KINDS)));
                    config = null;
                }
            }
            ok &= config != null;
            out.add(config);
        }
        return ok ? out : null;
    }

    private JwtConfig jwt(YamlNode node) {
        Section s = Section.open(node, "jwt", values, JWT_KEYS);
        if (s == null) {
            return null;
        }
        int before = values.problems().count();
        JwtConfig.TokenSource from = JwtConfig.TokenSource.PASSWORD;
        if (s.has("from")) {
            String name = values.choice(s.get("from"), "token source", List.of("password", "username"));
            from = name == null ? null : JwtConfig.TokenSource.valueOf(name.toUpperCase(Locale.ROOT));
        }
        String keyKind = s.exactlyOneOf(List.of("secret", "public-key", "jwks"));
        String secret = s.has("secret") ? values.nonEmptyText(s.get("secret"), "secret") : null;
        Boolean secretBase64 = s.bool("secret-base64", false);
        if (s.has("secret-base64") && !s.has("secret")) {
            values.problems().add(s.key("secret-base64"), "secret-base64 applies to a secret, and this jwt has none");
        }
        if (secret != null && secretBase64 != null) {
            checkSecret(s.get("secret"), secret, secretBase64);
        }
        Path publicKey = s.has("public-key") ? values.existingFile(s.get("public-key"), "public key file") : null;
        JwksConfig jwks = s.has("jwks") ? jwks(s.get("jwks")) : null;
        Duration leeway = s.duration("leeway", JwtConfig.DEFAULT_LEEWAY, true);
        Boolean requireExp = s.bool("require-exp", true);
        Map<String, String> claims = s.textMap("claims", Map.of());
        if (claims != null) {
            for (Map.Entry<String, String> claim : claims.entrySet()) {
                values.checkPlaceholders(s.get("claims"), claim.getValue(), CLAIM_PLACEHOLDERS);
            }
        }
        String superuserClaim = s.text("superuser-claim", JwtConfig.DEFAULT_SUPERUSER_CLAIM);
        String aclClaim = s.text("acl-claim", JwtConfig.DEFAULT_ACL_CLAIM);
        Boolean disconnectOnExpiry = s.bool("disconnect-on-expiry", true);
        if (values.problems().count() != before || keyKind == null) {
            return null;
        }
        return new JwtConfig(from, secret, secretBase64, publicKey, jwks, leeway, requireExp, claims,
                superuserClaim, aclClaim, disconnectOnExpiry);
    }

    private void checkSecret(YamlNode node, String secret, boolean base64) {
        int length;
        if (base64) {
            try {
                length = Base64.getDecoder().decode(secret).length;
            } catch (IllegalArgumentException e) {
                values.problems().add(node, "secret is not valid base64 (secret-base64 is true): " + e.getMessage());
                return;
            }
        } else {
            length = secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }
        if (length < MIN_SECRET_BYTES) {
            values.problems().add(node, "secret is " + length + " bytes; HMAC-signed tokens (HS256) need at least "
                    + MIN_SECRET_BYTES + " (256 bits)");
        }
    }

    private JwksConfig jwks(YamlNode node) {
        Section s = Section.open(node, "jwks", values, List.of("url", "refresh"));
        if (s == null) {
            return null;
        }
        YamlNode urlNode = s.require("url");
        URI url = urlNode == null ? null : httpUrl(urlNode, "jwks url");
        Duration refresh = s.duration("refresh", Duration.ofMinutes(5), false);
        return url == null || refresh == null ? null : new JwksConfig(url, refresh);
    }

    private HttpAuthConfig http(YamlNode node) {
        Section s = Section.open(node, "http", values, HTTP_KEYS);
        if (s == null) {
            return null;
        }
        int before = values.problems().count();
        YamlNode urlNode = s.require("url");
        String url = urlNode == null ? null : values.nonEmptyText(urlNode, "url");
        if (url != null) {
            values.checkPlaceholders(urlNode, url, HTTP_PLACEHOLDERS);
            // Placeholders are filled per request; the rest of the URL can be checked now.
            httpUrl(urlNode, url.replaceAll("\\$\\{[^}]*}", "x"), url, "url");
        }
        HttpAuthConfig.Method method = HttpAuthConfig.Method.POST;
        if (s.has("method")) {
            String name = values.choice(s.get("method"), "method", List.of("post", "get"));
            method = name == null ? null : HttpAuthConfig.Method.valueOf(name.toUpperCase(Locale.ROOT));
        }
        Map<String, String> headers = s.textMap("headers", Map.of());
        Map<String, String> body = s.textMap("body", HttpAuthConfig.DEFAULT_BODY);
        if (body != null) {
            for (String template : body.values()) {
                values.checkPlaceholders(s.get("body"), template, HTTP_PLACEHOLDERS);
            }
        }
        Duration timeout = s.duration("timeout", HttpAuthConfig.DEFAULT_TIMEOUT, false);
        Integer pool = s.has("pool") ? values.integer(s.get("pool"), "pool", 1, 1024, "pool is 1 to 1024 connections")
                : Integer.valueOf(HttpAuthConfig.DEFAULT_POOL);
        if (values.problems().count() != before) {
            return null;
        }
        return new HttpAuthConfig(url, method, headers, body, timeout, pool);
    }

    private URI httpUrl(YamlNode node, String what) {
        String text = values.nonEmptyText(node, what);
        return text == null ? null : httpUrl(node, text, text, what);
    }

    /** {@code text} as a URL, checked; {@code written} is how the file wrote it, for the message. */
    private URI httpUrl(YamlNode node, String text, String written, String what) {
        try {
            URI uri = new URI(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                values.problems().add(node, what + " must be an http:// or https:// URL with a host, found '" + written + "'");
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            values.problems().add(node, what + " is not a valid URL: " + e.getMessage());
            return null;
        }
    }
}
