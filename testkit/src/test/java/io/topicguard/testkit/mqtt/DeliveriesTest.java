package io.topicguard.testkit.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliveriesTest {

    private static final Duration WAIT = Duration.ofMillis(200);

    @Test
    void untilSentinelReturnsWhatArrivedBeforeItAndLeavesWhatCameAfter() throws Exception {
        Inbox inbox = new Inbox();
        inbox.add(new Received("a", "1", 1, false));
        inbox.add(new Received("b", "2", 1, false));
        inbox.add(new Received("end", Deliveries.SENTINEL, 1, false));
        inbox.add(new Received("late", "3", 1, false));

        assertThat(Deliveries.untilSentinel(inbox, WAIT)).extracting(Received::topic).containsExactly("a", "b");
        assertThat(inbox).extracting(Received::topic).containsExactly("late");
    }

    @Test
    void aMissingSentinelFailsInsteadOfReturningWhatArrived() {
        Inbox inbox = new Inbox();
        inbox.add(new Received("a", "1", 1, false));

        assertThatThrownBy(() -> Deliveries.untilSentinel(inbox, WAIT)).isInstanceOf(AssertionError.class).hasMessageContaining("no message");
    }

    @Test
    void topicsAreSortedAndATopicDeliveredTwiceFails() {
        assertThat(Deliveries.topics(List.of(new Received("b", "", 0, false), new Received("a", "", 0, false)))).containsExactly("a", "b");
        assertThatThrownBy(() -> Deliveries.topics(List.of(new Received("a", "", 0, false), new Received("a", "", 0, false))))
                .isInstanceOf(AssertionError.class).hasMessage("delivered more than once: a");
    }
}
