package io.topicguard.auth.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the top level of a configuration file: {@code policy}, {@code listeners},
 * {@code authentication}, {@code persistence}, {@code metrics}, {@code http}. Each part reports
 * its own problems and yields null when broken; the loader throws if anything was reported, so a
 * half-read {@link Configuration} never escapes.
 */
final class ConfigurationReader {

    static final List<String> TOP_LEVEL = List.of("policy", "listeners", "authentication", "persistence", "metrics", "http",
            "decision-cache", "sys-interval", "limits");
    static final String DEFAULT_BIND = "127.0.0.1";

    private final Values values;
    private final Path file;

    ConfigurationReader(Values values, Path file) {
        this.values = values;
        this.file = file;
    }

    Configuration read(YamlNode root) {
        Section top = root == null ? null : Section.open(root, "the configuration", values, TOP_LEVEL);
        if (top == null) {
            if (root == null) {
                values.problems().add(1, 1, "the configuration file is empty");
            }
            return null;
        }
        PolicyConfig policy = top.has("policy") ? policy(top.get("policy")) : null;
        List<ListenerConfig> listeners = top.has("listeners") ? listeners(top.get("listeners")) : List.of();
        List<AuthenticatorConfig> authentication = top.has("authentication")
                ? new AuthenticationReader(values).read(top.get("authentication")) : List.of();
        PersistenceConfig persistence = top.has("persistence") ? persistence(top.get("persistence"))
                : new PersistenceConfig(file.getParent().resolve("data"));
        MetricsConfig metrics = top.has("metrics") ? metrics(top.get("metrics")) : null;
        HttpServerConfig http = top.has("http") ? httpServer(top.get("http")) : null;
        Boolean decisionCache = top.has("decision-cache") ? values.bool(top.get("decision-cache"), "decision-cache") : null;
        Duration sysInterval = top.has("sys-interval") ? values.duration(top.get("sys-interval"), "sys-interval", true) : null;
        LimitsConfig limits = top.has("limits") ? LimitsConfig.read(top.get("limits"), values) : null;
        if (listeners == null || authentication == null || persistence == null) {
            return null;
        }
        return new Configuration(file, policy, listeners, authentication, persistence, metrics, http, decisionCache, sysInterval, limits);
    }

    private PolicyConfig policy(YamlNode node) {
        if (node instanceof YamlNode.Scalar) {
            Path path = values.existingFile(node, "policy file");
            return path == null ? null : new PolicyConfig(path, PolicyFormat.NATIVE);
        }
        Section s = Section.open(node, "policy", values, List.of("file", "format"));
        if (s == null) {
            return null;
        }
        YamlNode fileNode = s.require("file");
        Path path = fileNode == null ? null : values.existingFile(fileNode, "policy file");
        PolicyFormat format = PolicyFormat.NATIVE;
        if (s.has("format")) {
            String name = values.choice(s.get("format"), "policy format", List.of("native", "mosquitto", "emqx"));
            format = name == null ? null : PolicyFormat.valueOf(name.toUpperCase(java.util.Locale.ROOT));
        }
        return path == null || format == null ? null : new PolicyConfig(path, format);
    }

    private List<ListenerConfig> listeners(YamlNode node) {
        if (!(node instanceof YamlNode.ListNode list)) {
            values.problems().add(node, "listeners must be a list, e.g. - {name: tcp, port: 1883}; found " + node.describe());
            return null;
        }
        List<ListenerConfig> out = new ArrayList<>();
        Map<String, YamlNode> names = new HashMap<>();
        boolean ok = true;
        for (YamlNode item : list.items()) {
            ListenerConfig listener = listener(item);
            if (listener != null) {
                YamlNode earlier = names.putIfAbsent(listener.name(), item);
                if (earlier != null) {
                    values.problems().add(item, "listener name '" + listener.name() + "' is already used on line " + earlier.line());
                    ok = false;
                }
            }
            ok &= listener != null;
            out.add(listener);
        }
        return ok ? out : null;
    }

    private ListenerConfig listener(YamlNode node) {
        Section s = Section.open(node, "a listener", values, List.of("name", "port", "bind", "tls", "websocket"));
        if (s == null) {
            return null;
        }
        String name = s.has("name") ? s.text("name", null) : null;
        if (!s.has("name")) {
            s.require("name");
        }
        YamlNode portNode = s.require("port");
        Integer port = portNode == null ? null : values.port(portNode, "port");
        String bind = s.text("bind", DEFAULT_BIND);
        TlsConfig tls = s.has("tls") ? tls(s.get("tls")) : null;
        WebSocketConfig websocket = null;
        if (s.has("websocket")) {
            Section ws = Section.open(s.get("websocket"), "websocket", values, List.of("path"));
            String path = ws == null ? null : ws.text("path", "/mqtt");
            if (path != null && !path.startsWith("/")) {
                values.problems().add(ws.get("path"), "websocket path must start with '/', found '" + path + "'");
                path = null;
            }
            websocket = path == null ? null : new WebSocketConfig(path);
            if (websocket == null) {
                return null;
            }
        }
        if (name == null || port == null || bind == null || (s.has("tls") && tls == null)) {
            return null;
        }
        return new ListenerConfig(name, port, bind, tls, websocket);
    }

    private TlsConfig tls(YamlNode node) {
        Section s = Section.open(node, "tls", values, List.of("cert", "key", "cafile", "require-client-cert"));
        if (s == null) {
            return null;
        }
        YamlNode certNode = s.require("cert");
        YamlNode keyNode = s.require("key");
        Path cert = certNode == null ? null : values.existingFile(certNode, "certificate file");
        Path key = keyNode == null ? null : values.existingFile(keyNode, "key file");
        Path cafile = s.has("cafile") ? values.existingFile(s.get("cafile"), "CA file") : null;
        Boolean requireClientCert = s.bool("require-client-cert", false);
        if (Boolean.TRUE.equals(requireClientCert) && !s.has("cafile")) {
            values.problems().add(s.key("require-client-cert"), "require-client-cert needs a cafile to check client certificates against");
            return null;
        }
        if (cert == null || key == null || (s.has("cafile") && cafile == null) || requireClientCert == null) {
            return null;
        }
        return new TlsConfig(cert, key, cafile, requireClientCert);
    }

    private PersistenceConfig persistence(YamlNode node) {
        if (node instanceof YamlNode.Scalar scalar && scalar.kind() == YamlNode.Scalar.Kind.BOOLEAN) {
            if ("false".equals(scalar.text())) {
                return PersistenceConfig.MEMORY_ONLY;
            }
            values.problems().add(node, "persistence is {dir: DIRECTORY} or false (memory only), found true");
            return null;
        }
        if (!(node instanceof YamlNode.MapNode)) {
            values.problems().add(node, "persistence is {dir: DIRECTORY} or false (memory only), found " + node.describe());
            return null;
        }
        Section s = Section.open(node, "persistence", values, List.of("dir"));
        YamlNode dirNode = s.require("dir");
        Path dir = dirNode == null ? null : values.path(dirNode, "persistence dir");
        return dir == null ? null : new PersistenceConfig(dir);
    }

    private MetricsConfig metrics(YamlNode node) {
        Section s = Section.open(node, "metrics", values, List.of("port", "bind"));
        if (s == null) {
            return null;
        }
        YamlNode portNode = s.require("port");
        Integer port = portNode == null ? null : values.port(portNode, "port");
        String bind = s.text("bind", DEFAULT_BIND);
        return port == null || bind == null ? null : new MetricsConfig(port, bind);
    }

    private HttpServerConfig httpServer(YamlNode node) {
        Section s = Section.open(node, "http", values, List.of("port", "bind", "tls"));
        if (s == null) {
            return null;
        }
        YamlNode portNode = s.require("port");
        Integer port = portNode == null ? null : values.port(portNode, "port");
        String bind = s.text("bind", DEFAULT_BIND);
        TlsConfig tls = s.has("tls") ? tls(s.get("tls")) : null;
        if (port == null || bind == null || (s.has("tls") && tls == null)) {
            return null;
        }
        return new HttpServerConfig(port, bind, tls);
    }
}
