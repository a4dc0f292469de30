package io.topicguard.dsl.imports;

import io.topicguard.dsl.PolicyFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFormatTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "policy.acl, NATIVE",
            "dir/mosquitto.acl, NATIVE",
            "etc/acl.conf, EMQX",
            "ACL.CONF, EMQX",
            "acl_file, MOSQUITTO",
            "rules.aclfile, MOSQUITTO",
            "mosquitto-acl.txt, MOSQUITTO",
            "policy, NATIVE",
            "rules.txt, NATIVE",
    })
    void fileNameSelectsTheFormat(String name, PolicyFormat expected) {
        assertThat(PolicyFormat.forFile(Path.of(name))).isEqualTo(expected);
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownNamesAreRefusedWithTheChoices() {
        assertThat(PolicyFormat.fromName("Mosquitto")).isEqualTo(PolicyFormat.MOSQUITTO);
        assertThat(PolicyFormat.fromName("emqx")).isEqualTo(PolicyFormat.EMQX);
        assertThatThrownBy(() -> PolicyFormat.fromName("hivemq"))
                .hasMessage("unknown policy format 'hivemq'; expected native, mosquitto or emqx");
    }

    @Test
    void missingFileIsADiagnosticNotAnException() {
        ImportResult result = PolicyImporter.parse(Path.of("does/not/exist"), PolicyFormat.EMQX);
        assertThat(result.result().toString()).contains("does/not/exist:1:1: error: cannot read does/not/exist: no such file");
    }
}
