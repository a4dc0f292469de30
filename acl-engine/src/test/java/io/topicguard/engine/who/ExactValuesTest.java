package io.topicguard.engine.who;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact-value table finds what was filed under a key and nothing else, whatever the key: keys
 * that grow the table, keys longer than a one-byte length, keys beyond Latin-1, the empty key.
 */
class ExactValuesTest {

    private static List<Object> found(ExactValues table, String key) {
        List<Object> found = new ArrayList<>();
        table.forEachFiled(key, found::add);
        return found;
    }

    @Test
    void findsEachOfManyKeysAndOnlyItsValues() {
        ExactValues table = new ExactValues();
        for (int i = 0; i < 5_000; i++) {
            table.add("user-" + i, i);
        }
        table.trim();
        for (int i = 0; i < 5_000; i++) {
            assertThat(found(table, "user-" + i)).containsExactly(i);
        }
        assertThat(found(table, "user-5000")).isEmpty();
        assertThat(found(table, "user-")).isEmpty();
        assertThat(found(table, null)).isEmpty();
    }

    @Test
    void aKeyFiledSeveralTimesGivesEveryValueInFilingOrder() {
        ExactValues table = new ExactValues();
        table.add("a", 1);
        table.add("b", 2);
        table.add("a", 3);
        table.add("a", 4);
        assertThat(found(table, "a")).containsExactly(1, 3, 4);
        assertThat(found(table, "b")).containsExactly(2);
    }

    @Test
    void longWideAndEmptyKeysAreTheirOwn() {
        String longKey = "x".repeat(300);
        String wide = "gr\u00fc\u00dfe-\u4e16\u754c";
        ExactValues table = new ExactValues();
        table.add(longKey, "long");
        table.add(wide, "wide");
        table.add("", "empty");
        table.add("gr\u00fc\u00dfe", "latin1");
        table.trim();
        assertThat(found(table, longKey)).containsExactly("long");
        assertThat(found(table, "x".repeat(299))).isEmpty();
        assertThat(found(table, wide)).containsExactly("wide");
        assertThat(found(table, "gr\u00fc\u00dfe-\u4e16\u754d")).isEmpty();
        assertThat(found(table, "")).containsExactly("empty");
        assertThat(found(table, "gr\u00fc\u00dfe")).containsExactly("latin1");
    }
}
