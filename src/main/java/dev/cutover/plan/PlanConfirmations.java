package dev.cutover.plan;

import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.BadUserRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The plan's values still to confirm against the real accounts (its {@code confirm:} list, see
 * {@link PlanFile}). A live run lists them when it starts and starts no phase while one remains,
 * unless {@code cutover.allow-unconfirmed=true}; a rehearsal only lists them.
 */
@Component
public class PlanConfirmations {

    private static final Logger log = LoggerFactory.getLogger(PlanConfirmations.class);

    /** A key still to confirm, and the value the plan gives it now (empty for a list or a section). */
    public record Unconfirmed(String key, String value) {}

    private final Environment environment;
    private final List<String> keys;
    private final boolean allowed;
    private final boolean live;

    PlanConfirmations(Environment environment) {
        this.environment = environment;
        this.keys = Binder.get(environment).bind(PlanFile.PATH_PROPERTY + "." + PlanFile.CONFIRM_KEY,
                Bindable.listOf(String.class)).orElse(List.of()).stream().filter(key -> !key.isBlank()).toList();
        this.allowed = environment.getProperty("cutover.allow-unconfirmed", Boolean.class, false);
        this.live = environment.acceptsProfiles(Profiles.of("live"));
    }

    public List<Unconfirmed> unconfirmed() {
        return keys.stream()
                .map(key -> new Unconfirmed(key, environment.getProperty(PlanFile.PATH_PROPERTY + "." + key, "")))
                .toList();
    }

    @EventListener(ApplicationReadyEvent.class)
    void listAtStart() {
        if (keys.isEmpty()) {
            log.info("the plan has no values left to confirm");
        } else if (live) {
            log.warn("the plan has {} values to confirm against the real accounts before a live run{}: {}",
                    keys.size(), allowed ? " (cutover.allow-unconfirmed=true: phases start anyway)"
                            : "; no phase starts until they are confirmed and removed from its confirm: list", describe());
        } else {
            log.info("the plan has {} values to confirm before a live run: {}", keys.size(), String.join(", ", keys));
        }
    }

    /** Refuses a phase's start in a live run while values remain to confirm (the run key guard calls this). */
    public void ensureConfirmedBeforeStarting(String phase) {
        if (live && !allowed && !keys.isEmpty()) {
            throw new BadUserRequestException("A live run starts no phase (" + phase + ") while the plan has values"
                    + " to confirm against the real accounts: " + describe() + ". Confirm each and remove it from the"
                    + " plan's confirm: list, or start Cutover with cutover.allow-unconfirmed=true.");
        }
    }

    private String describe() {
        return unconfirmed().stream()
                .map(item -> item.value().isEmpty() ? item.key() : item.key() + " = " + item.value())
                .collect(Collectors.joining(", "));
    }
}
