package io.topicguard.broker.server;

import io.netty.channel.ChannelOption;
import io.netty.util.NetUtil;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.testing.PolicyBroker;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A connect storm waits in the listen backlog, not in TCP's retransmission timer (issue 20 item 5). */
class AcceptBacklogTest {

    @Test
    void listenersQueueAsManyHandshakesAsTheSystemAllows() throws Exception {
        try (Broker broker = Broker.start(BrokerConfig.builder(AccessControl.of(PolicyBroker.policy("anonymous allow\n")))
                .port(0).ioThreads(1).build())) {
            int backlog = broker.listenerChannel("tcp").orElseThrow().config().getOption(ChannelOption.SO_BACKLOG);
            assertThat(backlog).as("the system's maximum (somaxconn %d), at least 1,024", NetUtil.SOMAXCONN)
                    .isEqualTo(Math.max(1024, NetUtil.SOMAXCONN));
        }
    }
}
