package dev.cutover.delegate;

import dev.cutover.dns.DnsPort;
import dev.cutover.dns.PropagationReport;
import dev.cutover.dns.Resolver;
import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Check DNS has completely propagated: every resolver of the plan, for every name the launch
 * changed, answers as the plan expects. One look; the process waits and looks again. The ledger
 * gets the look that finds it complete (polls in between are in the log and the variables).
 */
@Component("checkDnsPropagated")
class CheckDnsPropagated extends Step {

    private static final Logger log = LoggerFactory.getLogger(CheckDnsPropagated.class);

    private final DnsPort dns;
    private final MigrationPlan plan;
    private final Clock clock;

    CheckDnsPropagated(Ledger ledger, DnsPort dns, MigrationPlan plan, Clock clock) {
        super(ledger);
        this.dns = dns;
        this.plan = plan;
        this.clock = clock;
    }

    @Override
    protected void perform(StepContext step) {
        List<Resolver> resolvers = plan.dns().resolvers().stream()
                .map(resolver -> new Resolver(resolver.name(), resolver.host(), resolver.port()))
                .toList();
        List<PropagationReport> reports = plan.dns().propagated().stream()
                .map(name -> dns.propagation(name.name(), name.type(), name.expected(), resolvers))
                .toList();
        boolean propagated = reports.stream().allMatch(PropagationReport::complete);
        String summary = reports.stream().map(PropagationReport::summary).collect(Collectors.joining("\n"));
        step.set(Vars.DNS_PROPAGATED, propagated);
        step.set(Vars.DNS_CHECK, summary);
        step.set(Vars.DNS_CHECKED_AT, Date.from(clock.instant()));
        if (propagated) {
            record(step, new Ensured<>(Outcome.CHECKED, summary), "propagated at all " + resolvers.size()
                    + " resolvers: " + summary.replace("\n", "; "), Map.of());
        } else {
            log.info("run {}: DNS not yet propagated everywhere: {}", step.run(), summary.replace("\n", "; "));
        }
    }
}
