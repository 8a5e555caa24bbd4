package dev.cutover.rehearsal;

import dev.cutover.access.PageAccess;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The simulated world, for operators rehearsing: its state, a reset, and faults to inject. */
@RestController
@Profile("rehearsal")
@RequestMapping("/api/rehearsal")
class RehearsalController {

    private final List<WorldPart> parts;
    private final WorldStore world;
    private final Faults faults;
    private final PageAccess access;

    RehearsalController(List<WorldPart> parts, WorldStore world, Faults faults, PageAccess access) {
        this.parts = parts;
        this.world = world;
        this.faults = faults;
        this.access = access;
    }

    @GetMapping("/world")
    Map<String, Object> world() {
        access.requireViewer();
        Map<String, Object> view = new LinkedHashMap<>();
        parts.stream()
                .sorted((a, b) -> a.system().compareTo(b.system()))
                .forEach(part -> view.put(part.system(), world.toTree(part.view())));
        return view;
    }

    @PostMapping("/world/reset")
    Map<String, Object> reset() {
        access.requireLead("reset the simulated world");
        world.reset();
        return world();
    }

    /**
     * {@code delay} (ISO-8601, e.g. {@code "PT3S"}) goes with a {@code <system>.slow} target only;
     * {@code rate} and {@code seed} with a {@code <system>.flaky} or {@code all.flaky} target only.
     */
    record Fault(String target, Integer times, Duration delay, Double rate, Long seed) {}

    @PostMapping("/faults")
    Object arm(@RequestBody Fault fault) {
        access.requireLead("inject faults");
        if (fault.rate() != null || fault.seed() != null) {
            if (fault.rate() == null || fault.times() != null || fault.delay() != null) {
                throw new IllegalArgumentException("a flaky target takes a rate and a seed only, e.g."
                        + " {\"target\": \"all.flaky\", \"rate\": 0.3, \"seed\": 42}");
            }
            faults.armFlaky(fault.target(), fault.rate(), fault.seed() == null ? 0 : fault.seed());
        } else {
            faults.arm(fault.target(), fault.times() == null ? 1 : fault.times(), fault.delay());
        }
        return faults.view();
    }

    /** Clears an armed target (a count, a slow-down or a flaky rate): 404 when it was not armed. */
    @DeleteMapping("/faults/{target}")
    ResponseEntity<Object> clear(@PathVariable String target) {
        access.requireLead("clear faults");
        if (!faults.clear(target)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", "no fault '" + target + "' is armed"));
        }
        return ResponseEntity.ok(faults.view());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
    }
}
