package dev.cutover.delegate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.LedgerEntry;
import dev.cutover.namecheap.HostRecord;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.step.ForwardStep;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.stereotype.Component;

/**
 * The runbook's four rollback paths: which one a run needs, from how far its ledger says it got,
 * and what that path would undo, read from the same ledger entries its steps will read.
 */
@Component
class RollbackPaths {

    static final String BEFORE_REDIRECT = "rollback-before-redirect";
    static final String DNS = "rollback-dns";
    static final String AFTER_DAY_2 = "rollback-after-day-2";
    static final String DATA_CORRUPTED = "rollback-data-corrupted";

    /** The phases a rollback stops first (each runs its own compensation) and waits for. */
    static final Set<String> PHASES = Set.of("day-0", "day-1", "day-2");

    static final ForwardStep TURNED_OFF_BY_HAND = new ForwardStep("day-1", "turnOffScheduledTasks");
    static final ForwardStep PUT_BACK_BY_HAND = new ForwardStep("day-1", "putScheduledTasksBack");

    private static final TypeReference<List<HostRecord>> RECORDS = new TypeReference<>() {};

    private final Ledger ledger;
    private final HistoryService history;
    private final MigrationPlan plan;
    private final ObjectMapper json;

    RollbackPaths(Ledger ledger, HistoryService history, MigrationPlan plan, ObjectMapper json) {
        this.ledger = ledger;
        this.history = history;
        this.plan = plan;
        this.json = json;
    }

    /**
     * Corrupted data (the lead says so) needs a restore; anything Day 2 changed (Heroku off, the
     * password, the database private) needs the post-Day-2 path; the old name redirected by the
     * run's latest Day 1 needs the DNS rollback; otherwise the launch has not happened: do not launch.
     */
    String choose(StepContext step, Boolean dataIntact) {
        if (Boolean.FALSE.equals(dataIntact)) {
            return DATA_CORRUPTED;
        }
        boolean day2Changed = ledger.entries(step.run()).stream()
                .anyMatch(entry -> "day-2".equals(entry.phase()) && entry.outcome() == Outcome.CHANGED);
        if (day2Changed) {
            return AFTER_DAY_2;
        }
        boolean redirected = AddRedirectOnNamecheap.STEP.entries(ledger, step).stream()
                .anyMatch(entry -> entry.outcome() == Outcome.CHANGED);
        return redirected ? DNS : BEFORE_REDIRECT;
    }

    /** How far the run got, from the engine's history: "day-0 completed, day-1 running". */
    String progress(String run) {
        List<String> phases = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(run)
                .orderByProcessInstanceStartTime().asc().list().stream()
                .filter(instance -> instance.getProcessDefinitionKey().startsWith("day-")
                        || "before-day-0".equals(instance.getProcessDefinitionKey()))
                .map(instance -> instance.getProcessDefinitionKey() + " " + state(instance))
                .toList();
        return phases.isEmpty() ? "no phase has run" : String.join(", ", phases);
    }

    private static String state(HistoricProcessInstance instance) {
        return switch (instance.getState()) {
            case HistoricProcessInstance.STATE_ACTIVE, HistoricProcessInstance.STATE_SUSPENDED ->
                    "running (stopped first: its own compensation runs)";
            case HistoricProcessInstance.STATE_COMPLETED -> "completed";
            default -> "cancelled";
        };
    }

    /** What the path will undo, in its order, one line each; then what needs no undo. */
    List<String> preview(StepContext step, String path) {
        List<String> items = new ArrayList<>();
        List<String> nothing = new ArrayList<>();
        List<String> cannotUndo = new ArrayList<>();
        switch (path) {
            case BEFORE_REDIRECT -> {
                items.add("Do not launch: " + plan.domains().old().name() + " stays as it is at Namecheap"
                        + " (the run never redirected it)");
                herokuBucket(step, items, nothing);
                endpoints(step, items, nothing);
                scheduler(step, items, nothing);
            }
            case DNS -> dns(step, items, nothing);
            case AFTER_DAY_2, DATA_CORRUPTED -> {
                if (DATA_CORRUPTED.equals(path)) {
                    items.add("RDS: restored from a clean snapshot of the run that you pick, the app pointed at it;"
                            + " the S3 objects written since are listed to rebuild by hand");
                }
                // the steps of rollback-after-day-2, in its order ("If we are doing a rollback after Day 2 …")
                String app = plan.heroku().app();
                items.add("Heroku: " + app + " back to its last release before Zappa changes were merged, where"
                        + " some were (its code only: its config vars stay)");
                items.add("Heroku: " + app + "'s database URL with the password the run keeps, and the interim IAM"
                        + " user " + plan.iam().herokuInterimUser().name() + " made again with a new key in its config vars");
                items.add("AWX: create_storage runs again to open the Postgres ports, followed until it succeeds");
                items.add("RDS: " + plan.rds().instanceId() + " made public again");
                items.add("Heroku: " + app + " turned back on with the formation it had before Day 2, maintenance off");
                items.add("Operators: a quick UAT of the Heroku app (a task in Tasklist); a failed UAT stops the"
                        + " rollback before the DNS changes");
                boolean bucketDeleted = ledger.entries(step.run()).stream().anyMatch(entry -> "day-2".equals(entry.phase())
                        && "deleteOldMediaBucket".equals(entry.activityId()) && entry.outcome() == Outcome.CHANGED);
                if (bucketDeleted) {
                    cannotUndo.add("the old media bucket " + plan.buckets().oldMedia() + ", deleted on Day 2"
                            + " (Heroku keeps the new bucket)");
                }
                dns(step, items, nothing);
            }
            default -> throw new IllegalArgumentException("no rollback path '" + path + "'");
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            lines.add((i + 1) + ". " + items.get(i));
        }
        if (!nothing.isEmpty()) {
            lines.add("Nothing to undo (the run never changed it): " + String.join(", ", nothing));
        }
        if (!cannotUndo.isEmpty()) {
            lines.add("Cannot be undone: " + String.join(", ", cannotUndo));
        }
        return lines;
    }

    private void dns(StepContext step, List<String> items, List<String> nothing) {
        var saved = AddRedirectOnNamecheap.saved(ledger, step);
        String oldName = plan.domains().old().name();
        if (saved.isPresent()) {
            List<HostRecord> records = read(saved.get().undo().get("previousHostRecords"));
            items.add("Namecheap: " + oldName + " back to its " + records.size() + " saved record"
                    + (records.size() == 1 ? "" : "s") + " (" + records.stream()
                    .map(record -> record.type() + " → " + record.address()).collect(Collectors.joining(", "))
                    + ")");
        } else {
            nothing.add("Namecheap (" + oldName + ")");
        }
        endpoints(step, items, nothing);
        String apex = plan.domains().current().name();
        items.add("Route53: " + apex + " redirects to https://" + oldName + " (the bucket " + apex
                + " redirects there, and " + apex + " is an alias to it)");
        scheduler(step, items, nothing);
    }

    private void herokuBucket(StepContext step, List<String> items, List<String> nothing) {
        String var = plan.heroku().s3BucketVar();
        String previous = HerokuBucket.CHANGE_STEP.entries(ledger, step).stream()
                .filter(entry -> entry.outcome() == Outcome.CHANGED)
                .map(entry -> entry.undo().get("previousValue")).filter(Objects::nonNull)
                .reduce((first, last) -> last).orElse(plan.buckets().oldMedia());
        if (ForwardStep.touched(HerokuBucket.CHANGE_STEP.entries(ledger, step))) {
            items.add("Heroku: " + plan.heroku().app() + "'s " + var + " back to " + previous);
        } else {
            nothing.add("Heroku's " + var);
        }
    }

    private void endpoints(StepContext step, List<String> items, List<String> nothing) {
        String heroku = plan.heroku().baseUrl().toString();
        if (ForwardStep.touched(PointTwilioBackToHeroku.UPDATE.entries(ledger, step))) {
            items.add("Twilio: " + plan.twilio().phoneNumber() + "'s voice, SMS and status-callback URLs back to "
                    + heroku);
        } else {
            nothing.add("Twilio");
        }
        if (ForwardStep.touched(PointMailgunBackToHeroku.UPDATE.entries(ledger, step))) {
            items.add("Mailgun: " + plan.mailgun().domain() + "'s routes and webhooks back to " + heroku);
        } else {
            nothing.add("Mailgun");
        }
    }

    private void scheduler(StepContext step, List<String> items, List<String> nothing) {
        List<LedgerEntry> scaled = ScaleSchedulerProcessBack.SCALED_DOWN.entries(ledger, step);
        if (ForwardStep.touched(scaled)) {
            String type = scaled.stream().map(entry -> entry.undo().get("processType")).filter(Objects::nonNull)
                    .findFirst().orElse("the scheduler");
            items.add("Heroku Scheduler: the " + type + " process scaled back up");
        } else if (byHand(step)) {
            items.add("Heroku Scheduler: the operators switch the scheduled tasks back on (a task in Tasklist)");
        } else {
            nothing.add("the scheduled tasks");
        }
    }

    /** Whether the operators switched the Scheduler's jobs off by hand and no one has put them back since. */
    boolean byHand(StepContext step) {
        return approved(TURNED_OFF_BY_HAND.entries(ledger, step)) && !approved(PUT_BACK_BY_HAND.entries(ledger, step));
    }

    private static boolean approved(List<LedgerEntry> entries) {
        return entries.stream().anyMatch(entry -> entry.outcome() == Outcome.DECIDED
                && entry.detail() != null && entry.detail().startsWith("approved"));
    }

    private List<HostRecord> read(String records) {
        try {
            return records == null ? List.of() : json.readValue(records, RECORDS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the saved records of the old name cannot be read", e);
        }
    }
}
