package dev.cutover.rehearsal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Faults armed for a rehearsal: a target (see {@code docs/rehearsal.md}) fails the next
 * {@code times} calls that meet it; {@code <system>.slow}, armed with a delay, makes the next
 * {@code times} calls of that system take that long; {@code <system>.flaky} (or {@code all.flaky}),
 * armed with a rate and a seed, fails every call of that system (of every system) with that
 * probability until it is cleared. Kept in the world, so a restart keeps them armed.
 */
@Component
@Profile("rehearsal")
public class Faults implements WorldPart {

    static final String SYSTEM = "faults";
    private static final String OUTAGE = ".outage";
    private static final String SLOW = ".slow";
    private static final String FLAKY = ".flaky";
    /** {@code all.flaky} makes every simulated system flaky at once. */
    public static final String ALL_FLAKY = "all" + FLAKY;
    /** A slowed call stays well under the job executor's 5-minute lock, retries included. */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(60);
    /** Halts this JVM the moment AWX has started a job, before the step records it: a crash test's fault. */
    public static final String CRASH_AFTER_LAUNCH = "tower.launch.crash-after";

    private final WorldStore world;
    private final SimulatedLatency latency;
    private final RehearsalSettings settings;

    Faults(WorldStore world, SimulatedLatency latency, RehearsalSettings settings) {
        this.world = world;
        this.latency = latency;
        this.settings = settings;
    }

    /** A wait of the world's own, as this rehearsal paces it ({@link RehearsalSettings#paced}). */
    public Duration paced(Duration usual) {
        return settings.paced(usual);
    }

    /** The factor of the world's own waits: 1 as usual, 0 when the world answers at once. */
    public double pace() {
        return settings.worldWaits();
    }

    public void arm(String target, int times) {
        arm(target, times, null);
    }

    /** Arms a fault; a {@code <system>.slow} target needs a delay (up to a minute), any other none. */
    public void arm(String target, int times, Duration delay) {
        if (target == null || target.isBlank() || times < 1) {
            throw new IllegalArgumentException("a fault needs a target and times of 1 or more");
        }
        if (target.endsWith(FLAKY)) {
            throw new IllegalArgumentException("'" + target + "' is armed with a rate and a seed, not times,"
                    + " e.g. {\"target\": \"" + target + "\", \"rate\": 0.3, \"seed\": 42}");
        }
        if (target.equals(CRASH_AFTER_LAUNCH) && !settings.crashFaults()) {
            throw new IllegalArgumentException("'" + target + "' halts this JVM: a rehearsal allows it only with"
                    + " cutover.rehearsal.crash-faults=true");
        }
        boolean slow = slowsASystem(target);
        if (slow && (delay == null || delay.isNegative() || delay.isZero() || delay.compareTo(LONGEST_DELAY) > 0)) {
            throw new IllegalArgumentException("'" + target + "' needs a delay between 1 ms and " + LONGEST_DELAY.toSeconds()
                    + " s, e.g. \"delay\": \"PT3S\"" + (delay == null ? "" : ", not " + delay));
        }
        if (!slow && delay != null) {
            throw new IllegalArgumentException("a delay goes with a '<system>.slow' target (e.g. 'namecheap.slow'),"
                    + " not with '" + target + "'");
        }
        world.change(SYSTEM, Armed.class, Armed::new, armed -> {
            armed.remaining.put(target, times);
            if (slow) {
                armed.delays.put(target, delay.toMillis());
            } else {
                armed.delays.remove(target);
            }
            return null;
        });
    }

    /**
     * Makes every call of a system ({@code <system>.flaky}) or of every system ({@code all.flaky})
     * fail with probability {@code rate}, drawn from {@code seed}: the n-th call met decides by the
     * n-th number of the seed's sequence, so the same calls in the same order fail again in a replay.
     * A rate of 0 clears it. Until then it stays armed, and the world counts the calls met and failed.
     */
    public void armFlaky(String target, double rate, long seed) {
        if (target == null || !target.endsWith(FLAKY) || target.indexOf('.') != target.length() - FLAKY.length()) {
            throw new IllegalArgumentException("a rate goes with a '<system>.flaky' target (e.g. 's3.flaky') or '"
                    + ALL_FLAKY + "', not with '" + target + "'");
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("'" + target + "' needs a rate from 0 (cleared) up to, not including, 1,"
                    + " e.g. \"rate\": 0.3; not " + rate);
        }
        world.change(SYSTEM, Armed.class, Armed::new, armed -> {
            if (rate == 0) {
                armed.flaky.remove(target);
            } else {
                armed.flaky.put(target, new Flaky(rate, seed, 0, 0));
            }
            return null;
        });
    }

    /** Clears a target: an armed count, a slow-down or a flaky rate. True when something was armed. */
    public boolean clear(String target) {
        return world.change(SYSTEM, Armed.class, Armed::new, armed -> armed.remaining.remove(target) != null
                | armed.delays.remove(target) != null | armed.flaky.remove(target) != null);
    }

    /** {@code <system>.slow} exactly: {@code rds.password.slow} is a fault of its own, armed without a delay. */
    private static boolean slowsASystem(String target) {
        return target.endsWith(SLOW) && target.indexOf('.') == target.length() - SLOW.length();
    }

    /** True, and one fewer left, when the target is armed: the caller fails in its own way. */
    public boolean trip(String target) {
        return world.change(SYSTEM, Armed.class, Armed::new, armed -> armed.take(target) != null);
    }

    /**
     * Every call of a simulated system passes here ({@code <system>.outage}): it first takes as long
     * as {@code cutover.rehearsal.call-latency} (0 unless set) plus an armed {@code <system>.slow}
     * says, then throws a {@link SimulatedOutage} when the outage is armed, or when a flaky rate of
     * the system (or {@code all.flaky}) draws a failure.
     */
    public void outage(String target, String message) {
        String system = target.substring(0, target.indexOf('.') < 0 ? target.length() : target.indexOf('.'));
        String slow = target.endsWith(OUTAGE) ? target.substring(0, target.length() - OUTAGE.length()) + SLOW : null;
        Trip trip = world.change(SYSTEM, Armed.class, Armed::new, armed -> {
            Long delay = slow == null ? null : armed.take(slow);
            if (armed.take(target) != null) {
                return new Trip(delay, target);
            }
            for (String flaky : List.of(system + FLAKY, ALL_FLAKY)) {
                if (armed.flaky.containsKey(flaky) && armed.flaky.get(flaky).draw()) {
                    return new Trip(delay, flaky);
                }
            }
            return new Trip(delay, null);
        });
        long delay = settings.callLatency().toMillis() + (trip.delayMillis() == null ? 0 : trip.delayMillis());
        if (delay > 0) {
            latency.pause(Duration.ofMillis(delay));
        }
        if (trip.failedBy() != null) {
            throw new SimulatedOutage(message + " (fault injected by the rehearsal: " + trip.failedBy() + ")");
        }
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /**
     * Each armed target and how many calls it has left; a slow one also its delay; a flaky one its
     * rate, seed, the calls it met and how many of them it failed.
     */
    @Override
    public Object view() {
        Armed armed = world.read(SYSTEM, Armed.class, Armed::new);
        Map<String, Object> view = new LinkedHashMap<>();
        armed.remaining.forEach((target, left) -> view.put(target, armed.delays.containsKey(target)
                ? Map.of("times", left, "delay", Duration.ofMillis(armed.delays.get(target)).toString())
                : left));
        armed.flaky.forEach((target, flaky) -> view.put(target, Map.of("rate", flaky.rate, "seed", flaky.seed,
                "calls", flaky.calls, "failed", flaky.failed)));
        return view;
    }

    /** The calls a flaky target met and failed so far, or null when it is not armed. */
    public FlakyCalls flakyCalls(String target) {
        Flaky flaky = world.read(SYSTEM, Armed.class, Armed::new).flaky.get(target);
        return flaky == null ? null : new FlakyCalls(flaky.calls, flaky.failed);
    }

    /** How many calls a flaky target met, and how many of them it failed. */
    public record FlakyCalls(long calls, long failed) {}

    private record Trip(Long delayMillis, String failedBy) {}

    /** A failure rate, its seed, and how many calls it has met and failed (the n-th call draws the n-th number). */
    static class Flaky {
        double rate;
        long seed;
        long calls;
        long failed;

        Flaky() {}

        Flaky(double rate, long seed, long calls, long failed) {
            this.rate = rate;
            this.seed = seed;
            this.calls = calls;
            this.failed = failed;
        }

        /** Whether this call fails: the seed's {@code calls}-th number, uniform in [0, 1), below the rate. */
        boolean draw() {
            double number = new SplittableRandom(seed ^ (calls * 0x9E3779B97F4A7C15L)).nextDouble();
            calls++;
            boolean fails = number < rate;
            if (fails) {
                failed++;
            }
            return fails;
        }
    }

    static class Armed {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        /** The delay of each armed slow target, in milliseconds. */
        Map<String, Long> delays = new LinkedHashMap<>();
        /** Each armed flaky target ({@code <system>.flaky}, {@code all.flaky}). */
        Map<String, Flaky> flaky = new LinkedHashMap<>();

        /** One fewer left when armed: its delay (0 for a plain fault), or null when not armed. */
        Long take(String target) {
            Integer left = remaining.get(target);
            if (left == null || left < 1) {
                return null;
            }
            Long delay = delays.getOrDefault(target, 0L);
            if (left == 1) {
                remaining.remove(target);
                delays.remove(target);
            } else {
                remaining.put(target, left - 1);
            }
            return delay;
        }
    }
}
