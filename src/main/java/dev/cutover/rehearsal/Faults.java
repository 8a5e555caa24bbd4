package dev.cutover.rehearsal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Faults armed for a rehearsal: a target (see {@code docs/rehearsal.md}) fails the next
 * {@code times} calls that meet it. Kept in the world, so a restart keeps them armed.
 */
@Component
@Profile("rehearsal")
public class Faults implements WorldPart {

    static final String SYSTEM = "faults";

    private final WorldStore world;

    Faults(WorldStore world) {
        this.world = world;
    }

    public void arm(String target, int times) {
        if (target == null || target.isBlank() || times < 1) {
            throw new IllegalArgumentException("a fault needs a target and times of 1 or more");
        }
        world.change(SYSTEM, Armed.class, Armed::new, armed -> armed.remaining.put(target, times));
    }

    /** True, and one fewer left, when the target is armed: the caller fails in its own way. */
    public boolean trip(String target) {
        return world.change(SYSTEM, Armed.class, Armed::new, armed -> {
            Integer left = armed.remaining.get(target);
            if (left == null || left < 1) {
                return false;
            }
            if (left == 1) {
                armed.remaining.remove(target);
            } else {
                armed.remaining.put(target, left - 1);
            }
            return true;
        });
    }

    /** Throws a {@link SimulatedOutage} when the target is armed. */
    public void outage(String target, String message) {
        if (trip(target)) {
            throw new SimulatedOutage(message + " (fault injected by the rehearsal: " + target + ")");
        }
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        return world.read(SYSTEM, Armed.class, Armed::new).remaining;
    }

    static class Armed {
        Map<String, Integer> remaining = new LinkedHashMap<>();
    }
}
