package dev.cutover.process;

import dev.cutover.plan.MigrationPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The cutover clock of the whole run: the launch window (the plan's, or from the run's start for
 * its length), the time left in it ({@code timeLeft}, "T-2h 13m") refreshed by the model at each
 * phase and gate, when Day 2 starts by itself, and the lead's extension of the window. Used from
 * the model as {@code ${cutoverClock.open(execution)}} and the like: no thread watches it.
 */
@Component("cutoverClock")
public class CutoverClock {

    public static final String NEW_WINDOW_END = "newWindowEnd";

    private final MigrationPlan.Launch launch;
    private final Clock clock;
    private final int timeScale;

    CutoverClock(MigrationPlan plan, Clock clock, @Value("${cutover.time-scale:1}") int timeScale) {
        this.launch = plan.launch();
        this.clock = clock;
        this.timeScale = Math.max(1, timeScale);
    }

    /**
     * At the run's start: the window is the plan's, or opens now for the plan's length. A start
     * variable {@code windowEnd} (a date-time) sets this run's end instead.
     */
    public void open(DelegateExecution execution) {
        if (Vars.WINDOW_WARN_AT.fromOrNull(execution) != null) {
            refresh(execution);
            return;
        }
        MigrationPlan.Window window = launch.window();
        Instant now = clock.instant();
        Instant start = window.start() == null ? now : window.start().toInstant();
        Object given = execution.getVariable(Vars.WINDOW_END.name());
        Instant end = given != null ? parse(given, Vars.WINDOW_END.name())
                : window.end() != null ? window.end().toInstant() : start.plus(window.length());
        Vars.WINDOW_START.set(execution, Date.from(start));
        setEnd(execution, end);
    }

    /**
     * When the lead must decide "extend or roll back?": the engine schedules that timer as the run
     * starts, before the run's start listeners, so the window is opened here if it is not yet.
     */
    public Date warnAt(DelegateExecution execution) {
        open(execution);
        return Vars.WINDOW_WARN_AT.from(execution);
    }

    /** Refreshes {@code timeLeft} for a person reading the run's variables. */
    public void refresh(DelegateExecution execution) {
        Vars.TIME_LEFT.set(execution, timeLeft(Duration.between(clock.instant(), end(execution).toInstant())));
    }

    /** Before the wait for Day 2: the plan's Day 2 time, or Day 2's delay after Day 1's end. */
    public void planDay2(DelegateExecution execution) {
        Instant at = launch.day2At() != null ? launch.day2At().toInstant()
                : clock.instant().plus(launch.day2After().dividedBy(timeScale));
        Vars.DAY_2_AT.set(execution, Date.from(at));
        refresh(execution);
    }

    /** How long a lead's "wait" at a gate waits before asking again (ISO-8601; divided in rehearsal). */
    public String getAskAgainAfter() {
        Duration after = launch.window().askAgainAfter().dividedBy(timeScale);
        return (after.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : after).toString();
    }

    /**
     * On completing "extend or roll back?" with {@code extend}: the window's new end
     * ({@code newWindowEnd}) must be a date-time later than now and than the current end; the open
     * tasks of the run then show it as their due date. Anything else is refused, and nothing changes.
     */
    public void extend(DelegateTask task) {
        if (!"extend".equals(task.getVariable(UserTaskContract.DECISION))) {
            return;
        }
        Object given = task.getVariable(NEW_WINDOW_END);
        if (given == null || given.toString().isBlank()) {
            throw new BadUserRequestException("Complete '" + task.getName() + "' with decision 'extend' and '"
                    + NEW_WINDOW_END + "': the window's new end, e.g. 2026-12-05T18:00:00Z");
        }
        Instant end = parse(given, NEW_WINDOW_END);
        Date current = end(task.getExecution());
        if (!end.isAfter(clock.instant()) || !end.isAfter(current.toInstant())) {
            throw new BadUserRequestException("'" + NEW_WINDOW_END + "' " + given + " does not extend the window:"
                    + " it must be later than now and than its end today, " + current.toInstant());
        }
        DelegateExecution run = task.getExecution().getProcessInstance();
        setEnd(run, end);
        var tasks = task.getProcessEngineServices().getTaskService();
        for (Task open : tasks.createTaskQuery().processInstanceBusinessKey(run.getProcessBusinessKey()).list()) {
            if (open.getId().equals(task.getId())) {
                continue;
            }
            open.setDueDate(Date.from(end));
            tasks.saveTask(open);
        }
    }

    /**
     * The window's end of the run a task or step belongs to: its own process's, or the whole
     * run's that called it; null for a phase started on its own.
     */
    public static Date windowEnd(DelegateExecution execution) {
        for (DelegateExecution at = execution; at != null; at = at.getProcessInstance().getSuperExecution()) {
            Object end = at.getVariable(Vars.WINDOW_END.name());
            if (end instanceof Date date) {
                return date;
            }
        }
        return null;
    }

    /** "T-2h 13m" before the end, "T+0h 05m" past it; days count in hours. */
    public static String timeLeft(Duration left) {
        Duration size = left.abs();
        return (left.isNegative() ? "T+" : "T-") + size.toHours() + "h " + String.format("%02d", size.toMinutesPart()) + "m";
    }

    private void setEnd(DelegateExecution execution, Instant end) {
        Vars.WINDOW_END.set(execution, Date.from(end));
        Vars.WINDOW_WARN_AT.set(execution, Date.from(end.minus(launch.window().warnBefore())));
        Vars.TIME_LEFT.set(execution, timeLeft(Duration.between(clock.instant(), end)));
    }

    private static Date end(DelegateExecution execution) {
        Date end = windowEnd(execution);
        if (end == null) {
            throw new IllegalStateException("process variable 'windowEnd' is missing; the run's start sets it");
        }
        return end;
    }

    private static Instant parse(Object value, String name) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        try {
            return OffsetDateTime.parse(value.toString().trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw new BadUserRequestException("'" + name + "' must be a date-time with its offset, like"
                    + " 2026-12-05T18:00:00Z, not '" + value + "'");
        }
    }
}
