package dev.cutover.rehearsal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Faults armed for a rehearsal: a target (see {@code docs/rehearsal.md}) fails the next
 * {@code times} calls that meet it; {@code <system>.slow}, armed with a delay, makes the next
 * {@code times} calls of that system take that long. Kept in the world, so a restart keeps them armed.
 */
@Component
@Profile("rehearsal")
public class Faults implements WorldPart {

    static final String SYSTEM = "faults";
    private static final String OUTAGE = ".outage";
    private static final String SLOW = ".slow";
    /** A slowed call stays well under the job executor's 5-minute lock, retries included. */
    static final Duration LONGEST_DELAY = Duration.ofSeconds(60);

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
     * as {@code cutover.rehearsal.call-latency} (0 unless set) plus an armed {@code <system>.slow} says, then throws a {@link SimulatedOutage} when the outage is armed.
     */
    public void outage(String target, String message) {
        String slow = target.endsWith(OUTAGE) ? target.substring(0, target.length() - OUTAGE.length()) + SLOW : null;
        Trip trip = world.change(SYSTEM, Armed.class, Armed::new, armed -> {
            Long delay = slow == null ? null : armed.take(slow);
            return new Trip(delay, armed.take(target) != null);
        });
        long delay = settings.callLatency().toMillis() + (trip.delayMillis() == null ? 0 : trip.delayMillis());
        if (delay > 0) {
            latency.pause(Duration.ofMillis(delay));
        }
        if (trip.fails()) {
            throw new SimulatedOutage(message + " (fault injected by the rehearsal: " + target + ")");
        }
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    /** Each armed target and how many calls it has left; a slow one also its delay. */
    @Override
    public Object view() {
        Armed armed = world.read(SYSTEM, Armed.class, Armed::new);
        Map<String, Object> view = new LinkedHashMap<>();
        armed.remaining.forEach((target, left) -> view.put(target, armed.delays.containsKey(target)
                ? Map.of("times", left, "delay", Duration.ofMillis(armed.delays.get(target)).toString())
                : left));
        return view;
    }

    private record Trip(Long delayMillis, boolean fails) {}

    static class Armed {
        Map<String, Integer> remaining = new LinkedHashMap<>();
        /** The delay of each armed slow target, in milliseconds. */
        Map<String, Long> delays = new LinkedHashMap<>();

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
