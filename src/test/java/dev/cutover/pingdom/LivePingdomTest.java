package dev.cutover.pingdom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LivePingdomTest {

    private static final URI PINGDOM = URI.create("https://api.pingdom.com/api/3.1");

    @Test
    void refusesToStartWithoutAToken() {
        assertThatThrownBy(() -> new LivePingdom().pingdom(PINGDOM, " "))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_PINGDOM_TOKEN")
                .hasMessageContaining("Read/Write");
    }

    @Test
    void buildsTheAdapter_withAToken() {
        assertThat(new LivePingdom().pingdom(PINGDOM, "a-pingdom-token")).isInstanceOf(PingdomAdapter.class);
    }
}
