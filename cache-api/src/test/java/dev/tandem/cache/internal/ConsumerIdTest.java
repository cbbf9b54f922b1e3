package dev.tandem.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsumerIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"com.acme.sqlgen", "my-plugin", "A_1", "x"})
    void acceptsIdsThatAreSafeDirectoryNames(String id) {
        assertThat(ConsumerId.check(id)).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "../etc", "a/b", "a\\b", "a\0b", "tab\there", "caf\u00e9", "\u0430cme"})
    @DisplayName("ids that could escape or confuse the consumers directory are refused with the rule and an example")
    void refusesHostileIds(String id) {
        assertThatThrownBy(() -> ConsumerId.check(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Tandem consumer id '")
                .hasMessageContaining("use 1 to 128 of A-Z a-z 0-9 . _ -")
                .hasMessageNotContaining("\0");
    }

    @ParameterizedTest
    @ValueSource(ints = {129, 10_000})
    void refusesLongIds(int length) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append('a');
        }
        assertThatThrownBy(() -> ConsumerId.check(id.toString())).hasMessageContaining("...");
    }
}
