package io.topicguard.broker.persistence;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Keys written by earlier versions (with {@code String.format}) and now read the same way, so stores keep their order. */
class StoreKeysTest {

    @Test
    void numbersArePaddedAsStringFormatPaddedThem() {
        for (long n : new long[] {0, 7, 42, 99_999, 1_234_567_890_123L, Long.MAX_VALUE}) {
            assertThat(MvStorePersistence.zeroPadded(n, 19)).isEqualTo(String.format("%019d", n));
        }
        for (int id : new int[] {1, 65_535}) {
            assertThat(MvStorePersistence.zeroPadded(id, 5)).isEqualTo(String.format("%05d", id));
        }
    }
}
