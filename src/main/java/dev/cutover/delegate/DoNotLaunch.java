package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.namecheap.NamecheapPort;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.step.StepFailedException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Do not launch: the old domain is untouched. Before the redirect a rollback needs nothing at
 * Namecheap; this step looks that it is so and records the old name's records. An old name that
 * forwards visitors somewhere is no rollback before the redirect: an incident says which path to take.
 */
@Component("doNotLaunch")
class DoNotLaunch extends Step {

    private static final Set<String> FORWARDS = Set.of("URL", "URL301", "FRAME");

    private final NamecheapPort namecheap;
    private final MigrationPlan plan;

    DoNotLaunch(Ledger ledger, NamecheapPort namecheap, MigrationPlan plan) {
        super(ledger);
        this.namecheap = namecheap;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Domain old = plan.domains().old();
        List<HostRecord> records = namecheap.hosts(old.namecheapZone()).stream()
                .filter(record -> record.name().equalsIgnoreCase(old.namecheapHost())).toList();
        String shown = records.isEmpty() ? "(none)" : records.stream()
                .map(record -> record.type() + " " + record.address() + " TTL " + record.ttl())
                .collect(Collectors.joining(", "));
        if (records.stream().anyMatch(record -> FORWARDS.contains(record.type().toUpperCase()))) {
            throw new StepFailedException(old.name() + " forwards visitors at Namecheap (" + shown + "): the launch"
                    + " has happened, so this run needs the DNS rollback (rollback-dns), not this one.");
        }
        ledger.record(step.record(Outcome.CHECKED, "not launched: " + old.name() + " is untouched at Namecheap: "
                + shown, Map.of("zone", old.namecheapZone(), "host", old.namecheapHost())));
    }
}
