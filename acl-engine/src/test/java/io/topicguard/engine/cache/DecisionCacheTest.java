package io.topicguard.engine.cache;

import io.topicguard.engine.ClientBinding;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;
import io.topicguard.engine.PolicyLoadException;
import io.topicguard.engine.Subscription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionCacheTest {

    private static final ClientInfo ALICE = ClientInfo.builder("c1").username("alice").build();

    private static Policy policy(String text) throws PolicyLoadException {
        return Policy.fromString("test.acl", text);
    }

    @Test
    void answersLikeTheBindingAndCountsHitsAndMisses() throws Exception {
        ClientBinding plain = policy("allow all to publish \"a/+\"\nallow all to subscribe \"a/#\"\ndeny all to subscribe \"a/secret\"").bind(ALICE);
        DecisionCache cache = new DecisionCache(100);
        CachedBinding cached = cache.wrap(plain);

        assertThat(cached.publish("a/b", 1, false)).isEqualTo(plain.publish("a/b", 1, false));
        assertThat(cached.publish("a/b", 1, false)).isEqualTo(plain.publish("a/b", 1, false));
        assertThat(cached.publish("x/y", 0, true)).isEqualTo(plain.publish("x/y", 0, true));
        assertThat(cached.subscribe("a/#", 0)).isEqualTo(plain.subscribe("a/#", 0));
        assertThat(cached.deliver("a/secret", Subscription.of("a/#", 0))).isEqualTo(plain.deliver("a/secret", Subscription.of("a/#", 0)));
        assertThat(cached.deliver("a/secret", Subscription.of("a/#", 0))).isEqualTo(plain.deliver("a/secret", Subscription.of("a/#", 0)));

        assertThat(cache.hits()).isEqualTo(2);
        assertThat(cache.misses()).isEqualTo(4);
    }

    @Test
    void questionsDifferingOnlyInQosOrRetainAreDifferentEntries() throws Exception {
        CachedBinding cached = new DecisionCache(100).wrap(policy("allow all to publish \"t\" qos 0 retain false").bind(ALICE));

        assertThat(cached.publish("t", 0, false).allowed()).isTrue();
        assertThat(cached.publish("t", 1, false).allowed()).isFalse();
        assertThat(cached.publish("t", 0, true).allowed()).isFalse();
    }

    @Test
    void aBindingOfAReloadedPolicyNeverSeesTheOldPolicysDecision() throws Exception {
        DecisionCache cache = new DecisionCache(100);
        CachedBinding before = cache.wrap(policy("allow all to publish \"t\"").bind(ALICE));
        assertThat(before.publish("t", 0, false).allowed()).isTrue();

        CachedBinding after = cache.wrap(policy("deny all to publish \"t\"").bind(ALICE));

        assertThat(after.publish("t", 0, false).allowed()).isFalse();
        assertThat(cache.hits()).isZero();
    }

    @Test
    void staysWithinItsBound() throws Exception {
        DecisionCache cache = new DecisionCache(10);
        CachedBinding cached = cache.wrap(policy("allow all to publish \"#\"").bind(ALICE));
        for (int i = 0; i < 1_000; i++) {
            cached.publish("t/" + i, 0, false);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void questionsAskedAgainSurviveAStreamOfOneOffQuestions() throws Exception {
        DecisionCache cache = new DecisionCache(1_000);
        CachedBinding cached = cache.wrap(policy("allow all to publish \"#\"").bind(ALICE));
        for (int i = 0; i < 100; i++) {
            cached.publish("hot/" + i, 0, false);
        }
        long hitsBefore = cache.hits();
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < 100; i++) {
                cached.publish("hot/" + i, 0, false);
                cached.publish("cold/" + round + "/" + i, 0, false); // never asked again
            }
        }
        // A cache that evicted blindly (a direct-mapped one, or one overwriting any slot) would lose
        // a large share of the hot questions to the 5,000 one-off ones passing through.
        assertThat(cache.hits() - hitsBefore).isGreaterThanOrEqualTo(5_000 * 95 / 100);
    }

    @Test
    void refusesANonPositiveBound() {
        assertThatThrownBy(() -> new DecisionCache(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 0");
    }
}
