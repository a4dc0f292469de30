package io.topicguard.broker.auth;

import io.topicguard.engine.ClientInfo;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class DenialLogTest {

    @Test
    void lineNamesEveryFieldOperatorsGrepFor() throws Exception {
        ClientInfo client = new ClientInfo("sensor-1", "alice", InetAddress.getByName("10.0.0.7"), null, "tcp");
        assertThat(DenialLog.line(client, "publish", "a/b", "deny", "rule", "policy.acl:12")).isEqualTo(
                "deny action=publish topic=\"a/b\" clientid=\"sensor-1\" username=\"alice\" address=10.0.0.7 listener=tcp"
                        + " decision=deny reason=rule source=policy.acl:12");
    }

    @Test
    void absentValuesAreDashes() {
        ClientInfo client = new ClientInfo("", null, null, null, null);
        assertThat(DenialLog.line(client, "connect", null, "deny", "anonymous", "-"))
                .isEqualTo("deny action=connect clientid=\"\" username=- address=- listener=- decision=deny reason=anonymous source=-");
    }

    @Test
    void hostileValuesCannotForgeALogLine() {
        assertThat(DenialLog.quote("x\" reason=superuser\ndeny")).isEqualTo("\"x\\\" reason=superuser\\u000adeny\"");
    }
}
