package io.topicguard.broker.auth;

import io.topicguard.auth.chain.Answer;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.server.Broker;
import io.topicguard.broker.testing.PolicyBroker;
import io.topicguard.broker.testing.TestBroker;
import io.topicguard.testkit.mqtt.V3Client;
import io.topicguard.testkit.mqtt.V5Client;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A chain whose one worker is stuck (a source that does not answer) and whose queue is full
 * answers the next CONNECT with "server busy" (0x89 / 3) at once instead of stalling it, and the
 * network threads stay free: the stuck client's neighbour still gets its answer.
 */
class ChainBusyTest {

    @Test
    void aFullQueueAnswersServerBusyInBothVersions() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        Authenticator slow = new Authenticator() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public Answer authenticate(ConnectCredentials credentials) {
                stuck.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answer.allow();
            }
        };
        AuthenticationChain chain = new AuthenticationChain(List.of(slow), 1, 1);
        try (Broker broker = TestBroker.start(AccessControl.of(PolicyBroker.policy("allow all to publish \"x\"\n")), chain,
                ProtocolLimits.defaults().withConnectTimeout(Duration.ofSeconds(30)))) {
            int port = broker.tcpPort();
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> code(port, "first"));
            assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> code(port, "second"));
            await().atMost(Duration.ofSeconds(10)).until(() -> chain.queued() == 1);

            assertThat(V5Client.connectReasonCode(port, "third-5", V5Client.login("u", "p"))).isEqualTo(0x89);
            V3Client c3 = V3Client.create(port, "third-3");
            MqttException e = catchThrowableOfType(MqttException.class, () -> c3.client.connect(V3Client.login("u", "p")));
            assertThat(e.getReasonCode()).isEqualTo(3);
            c3.close();

            release.countDown();
            assertThat(first).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(0);
            assertThat(second).succeedsWithin(Duration.ofSeconds(10)).isEqualTo(0);
        } finally {
            release.countDown();
        }
    }

    private static int code(int port, String clientId) {
        try {
            var options = V5Client.login("u", "p");
            options.setConnectionTimeout(30);
            V5Client c = V5Client.create(port, clientId);
            try {
                c.client.connect(options).waitForCompletion(30_000);
                return 0;
            } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
                return e.getReasonCode();
            } finally {
                c.close();
            }
        } catch (org.eclipse.paho.mqttv5.common.MqttException e) {
            throw new AssertionError(e);
        }
    }
}
