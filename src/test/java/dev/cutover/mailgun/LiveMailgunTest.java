package dev.cutover.mailgun;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LiveMailgunTest {

    @Test
    void refusesToStartWithoutTheApiKey() {
        assertThatThrownBy(() -> new LiveMailgun().mailgun(null, " ", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Set CUTOVER_MAILGUN_API_KEY");
    }
}
