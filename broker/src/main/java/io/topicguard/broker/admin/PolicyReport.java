package io.topicguard.broker.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.topicguard.auth.reload.PolicyStatus;

import java.time.Instant;

/** The JSON of {@code /policy}; instants as ISO-8601 UTC strings. */
final class PolicyReport {

    private PolicyReport() {
    }

    static ObjectNode of(PolicyStatus s) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var files = out.putArray("files");
        s.files().forEach(f -> file(files.addObject(), f));
        out.put("loadedAt", text(s.loadedAt()));
        out.put("ruleCount", s.ruleCount());
        if (s.passwordFile() == null) {
            out.putNull("passwordFile");
        } else {
            file(out.putObject("passwordFile"), s.passwordFile());
        }
        out.put("reloads", s.reloads());
        out.put("reloadFailures", s.failures());
        out.put("lastReloadError", s.lastError());
        out.put("lastReloadErrorAt", text(s.lastErrorAt()));
        return out;
    }

    private static void file(ObjectNode node, PolicyStatus.LoadedFile f) {
        node.put("name", f.name());
        node.put("path", f.path());
        node.put("sha256", f.sha256());
        node.put("loadedAt", text(f.loadedAt()));
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
