package dev.cutover.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * One clock for the engine and the simulated world, moved by the test: timers fall due and
 * snapshots finish because the test says time has passed, not because it waited.
 */
public class TestClock extends Clock {

    private Instant now = Instant.now();

    public synchronized void reset() {
        now = Instant.now();
        ClockUtil.setCurrentTime(Date.from(now));
    }

    public synchronized void advanceTo(Instant instant) {
        if (instant.isAfter(now)) {
            now = instant;
            ClockUtil.setCurrentTime(Date.from(now));
        }
    }

    public synchronized void advance(Duration duration) {
        advanceTo(now.plus(duration));
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
