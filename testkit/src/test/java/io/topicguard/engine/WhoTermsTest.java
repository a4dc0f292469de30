package io.topicguard.engine;

import io.topicguard.dsl.ast.Attribute;
import io.topicguard.dsl.ast.Who;
import io.topicguard.testkit.policy.PolicyBuilder;
import org.junit.jupiter.api.Test;

import java.net.Inet6Address;
import java.net.InetAddress;

import static io.topicguard.testkit.policy.PolicyBuilder.PUBLISH_ONLY;
import static io.topicguard.testkit.policy.PolicyBuilder.and;
import static io.topicguard.testkit.policy.PolicyBuilder.anonymous;
import static io.topicguard.testkit.policy.PolicyBuilder.cn;
import static io.topicguard.testkit.policy.PolicyBuilder.filter;
import static io.topicguard.testkit.policy.PolicyBuilder.in;
import static io.topicguard.testkit.policy.PolicyBuilder.ip;
import static io.topicguard.testkit.policy.PolicyBuilder.listener;
import static io.topicguard.testkit.policy.PolicyBuilder.matches;
import static io.topicguard.testkit.policy.PolicyBuilder.not;
import static io.topicguard.testkit.policy.PolicyBuilder.or;
import static io.topicguard.testkit.policy.PolicyBuilder.username;
import static org.assertj.core.api.Assertions.assertThat;

/** Who-terms of docs/language.md and placeholder safety (docs/semantics.md, Placeholders), each through a one-rule policy. */
class WhoTermsTest {

    private static boolean applies(Who who, ClientInfo client) throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder().allow(who, PUBLISH_ONLY, filter("t")).build());
        return policy.bind(client).publish("t", 0, false).allowed();
    }

    private static ClientInfo from(String address) throws Exception {
        return ClientInfo.builder("c").username("u").address(InetAddress.getByName(address)).build();
    }

    @Test
    void ipv4AndIpv6Blocks() throws Exception {
        assertThat(applies(ip("10.0.0.0/8"), from("10.200.1.1"))).isTrue();
        assertThat(applies(ip("10.0.0.0/8"), from("11.0.0.1"))).isFalse();
        assertThat(applies(ip("10.1.2.3"), from("10.1.2.3"))).isTrue();
        assertThat(applies(ip("10.1.2.3"), from("10.1.2.4"))).isFalse();
        assertThat(applies(ip("10.0.0.0/7"), from("11.255.0.1"))).isTrue();
        assertThat(applies(ip("fd00::/8"), from("fd12::1"))).isTrue();
        assertThat(applies(ip("fd00::/8"), from("fe00::1"))).isFalse();
        assertThat(applies(ip("0.0.0.0/0"), from("::1"))).isFalse();
        assertThat(applies(ip("::/0"), from("10.0.0.1"))).isFalse();
        assertThat(applies(ip("::/0"), from("::1"))).isTrue();
        assertThat(applies(ip("10.0.0.0/8", "::1"), from("::1"))).isTrue();
    }

    @Test
    void ipv4MappedIpv6PeerMatchesIpv4Blocks() throws Exception {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 7;
        ClientInfo client = ClientInfo.builder("c").username("u").address(Inet6Address.getByAddress(null, mapped, -1)).build();
        assertThat(applies(ip("10.0.0.0/8"), client)).isTrue();
        assertThat(applies(ip("192.168.0.0/16"), client)).isFalse();
    }

    @Test
    void unknownAddressMatchesNoIpTerm() throws PolicyLoadException {
        assertThat(applies(ip("0.0.0.0/0"), ClientInfo.builder("c").username("u").build())).isFalse();
    }

    @Test
    void regexIsASearchNotAFullMatchAndAbsentAttributeNeverMatches() throws PolicyLoadException {
        ClientInfo sensor = ClientInfo.builder("c").username("my-sensor-7").build();
        assertThat(applies(matches(Attribute.USERNAME, "sensor"), sensor)).isTrue();
        assertThat(applies(matches(Attribute.USERNAME, "^sensor"), sensor)).isFalse();
        assertThat(applies(matches(Attribute.CN, ".*"), sensor)).isFalse();
        assertThat(applies(not(matches(Attribute.CN, ".*")), sensor)).isTrue();
    }

    @Test
    void regexRunsInLinearTimeOnHostileInput() throws PolicyLoadException {
        // Catastrophic for a backtracking engine; RE2/J answers at once.
        ClientInfo hostile = ClientInfo.builder("a".repeat(50_000) + "!").username("u").build();
        assertThat(applies(matches(Attribute.CLIENTID, "^(a+)+$"), hostile)).isFalse();
    }

    @Test
    void exactInListenerAndCommonName() throws PolicyLoadException {
        ClientInfo client = ClientInfo.builder("c9").username("bob").commonName("device-9").listener("tls").build();
        assertThat(applies(in(Attribute.CLIENTID, "c8", "c9"), client)).isTrue();
        assertThat(applies(in(Attribute.USERNAME, "alice"), client)).isFalse();
        assertThat(applies(cn("device-9"), client)).isTrue();
        assertThat(applies(listener("tls"), client)).isTrue();
        assertThat(applies(listener("tcp"), client)).isFalse();
        assertThat(applies(username("Bob"), client)).isFalse();
        assertThat(applies(anonymous(), client)).isFalse();
    }

    @Test
    void andOrNotCombine() throws PolicyLoadException {
        ClientInfo client = ClientInfo.builder("c9").username("bob").listener("tls").build();
        assertThat(applies(and(username("bob"), listener("tls")), client)).isTrue();
        assertThat(applies(and(username("bob"), listener("tcp")), client)).isFalse();
        assertThat(applies(or(username("alice"), listener("tls")), client)).isTrue();
        assertThat(applies(or(username("alice"), in(Attribute.CLIENTID, "c9")), client)).isTrue();
        assertThat(applies(not(username("bob")), client)).isFalse();
    }

    @Test
    void placeholderRendersTheClientsOwnAttribute() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .allow(PolicyBuilder.all(), PUBLISH_ONLY, filter("devices/${clientid}/#"), filter("sensor-${username}/up"))
                .build());
        ClientBinding b = policy.bind(ClientInfo.builder("c1").username("u1").build());
        assertThat(b.publish("devices/c1/x", 0, false).allowed()).isTrue();
        assertThat(b.publish("devices/c2/x", 0, false).allowed()).isFalse();
        assertThat(b.publish("sensor-u1/up", 0, false).allowed()).isTrue();
        assertThat(b.publish("sensor-u2/up", 0, false).allowed()).isFalse();
    }

    @Test
    void hostileAttributeValuesNeverWidenAPlaceholderRule() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .allow(PolicyBuilder.all(), PUBLISH_ONLY, filter("devices/${username}/x"))
                .build());
        for (String hostile : new String[] {"a/b", "+", "#", "a\0", ""}) {
            ClientBinding b = policy.bind(ClientInfo.builder("c").username(hostile).build());
            assertThat(b.publish("devices/a/b/x", 0, false).allowed()).as(hostile).isFalse();
            assertThat(b.publish("devices/+/x".replace("+", "q"), 0, false).allowed()).as(hostile).isFalse();
            assertThat(b.subscribe("devices/+/x", 0).verdict()).as(hostile).isEqualTo(Verdict.DENY);
        }
        ClientBinding anonymousClient = policy.bind(ClientInfo.builder("c").build());
        assertThat(anonymousClient.subscribe("devices/+/x", 0).verdict()).isEqualTo(Verdict.DENY);
    }

    @Test
    void placeholderValueIsSubstitutedOnceNotRecursively() throws PolicyLoadException {
        Policy policy = Policy.compile(new PolicyBuilder()
                .allow(PolicyBuilder.all(), PUBLISH_ONLY, filter("${username}-${clientid}"))
                .build());
        // Not "${clientid}" itself: a value starting with '$' renders nothing at all.
        ClientBinding b = policy.bind(ClientInfo.builder("c1").username("x${clientid}").build());
        assertThat(b.publish("x${clientid}-c1", 0, false).allowed()).isTrue();
        assertThat(b.publish("xc1-c1", 0, false).allowed()).isFalse();
    }
}
