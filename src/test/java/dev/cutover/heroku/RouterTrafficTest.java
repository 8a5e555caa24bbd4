package dev.cutover.heroku;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RouterTrafficTest {

    private static final Instant TO = Instant.parse("2026-11-25T10:15:00Z");

    @Test
    void oneRequestInTheLastHour() {
        RouterTraffic traffic = new RouterTraffic(1, 0, TO.minus(Duration.ofHours(1)), TO, 1, true);

        assertThat(traffic.summary()).isEqualTo("1 request in the last 1 h");
    }

    @Test
    void aWindowOfSecondsIsShownInSeconds() {
        RouterTraffic traffic = new RouterTraffic(7, 7, TO.minusSeconds(90), TO, 7, true);

        assertThat(traffic.summary()).isEqualTo("7 requests in the last 90 s (7 answered 5xx)");
    }

    @Test
    void anIncompleteCountWithoutTheOldestLinesTimeSaysSo() {
        RouterTraffic traffic = new RouterTraffic(0, 0, TO.minus(Duration.ofMinutes(15)), TO, 1500, false);

        assertThat(traffic.reachesBackTo()).isNull();
        assertThat(traffic.summary()).isEqualTo("at least 0 requests in the last 15 min: the log session's 1500 lines"
                + " do not show how far back they reach");
    }
}
