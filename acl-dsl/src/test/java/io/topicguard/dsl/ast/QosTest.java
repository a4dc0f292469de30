package io.topicguard.dsl.ast;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QosTest {

    @Test
    void rangeOfLevelsAllowsExactlyThoseLevels() {
        Qos zeroOrOne = Qos.of(0, 1);
        assertThat(zeroOrOne.allows(0)).isTrue();
        assertThat(zeroOrOne.allows(1)).isTrue();
        assertThat(zeroOrOne.allows(2)).isFalse();
        assertThat(zeroOrOne.isAny()).isFalse();
    }

    @Test
    void levelOutsideZeroToTwoIsRejected() {
        assertThatThrownBy(() -> Qos.of(3)).hasMessageContaining("got 3");
    }

    @Property
    void anyAllowsEveryValidLevelAndNothingElse(@ForAll @IntRange(min = -5, max = 8) int level) {
        assertThat(Qos.ANY.allows(level)).isEqualTo(level >= 0 && level <= 2);
    }
}
