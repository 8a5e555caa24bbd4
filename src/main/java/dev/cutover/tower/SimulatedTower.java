package dev.cutover.tower;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of AWX. A job is {@code pending}, then {@code running}, then {@code successful};
 * the fault {@code tower.job.fails} makes the next launched job end {@code failed} with a fatal
 * task in its output, {@code tower.outage} fails the next call as a 503 would.
 */
@Component
@Profile("rehearsal")
class SimulatedTower implements TowerPort, WorldPart {

    static final String SYSTEM = "tower";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final RehearsalSettings settings;
    private final MigrationPlan.JobTemplates templates;

    SimulatedTower(WorldStore world, Faults faults, Clock clock, RehearsalSettings settings, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.settings = settings;
        this.templates = plan.tower().jobTemplates();
    }

    @Override
    public TowerJob launchJob(String templateName, Map<String, Object> extraVars) {
        outage();
        boolean fails = faults.trip("tower.job.fails");
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            if (!state.jobTemplates.contains(templateName)) {
                throw new IllegalStateException("AWX has no job template named '" + templateName + "'");
            }
            JobState job = new JobState();
            job.id = state.nextJobId++;
            job.template = templateName;
            job.launchedAt = now;
            job.fails = fails;
            job.extraVars = new LinkedHashMap<>(extraVars);
            state.jobs.put(String.valueOf(job.id), job);
            return job.as(now, settings);
        });
    }

    @Override
    public TowerJob job(long jobId) {
        outage();
        return existing(world.read(SYSTEM, State.class, this::initial), jobId).as(clock.instant(), settings);
    }

    @Override
    public String jobOutputTail(long jobId, int lines) {
        outage();
        JobState job = existing(world.read(SYSTEM, State.class, this::initial), jobId);
        List<String> output = job.output(job.as(clock.instant(), settings));
        return String.join("\n", output.subList(Math.max(0, output.size() - lines), output.size()));
    }

    private void outage() {
        faults.outage("tower.outage", "AWX answered 503 Service Unavailable");
    }

    private static JobState existing(State state, long jobId) {
        JobState job = state.jobs.get(String.valueOf(jobId));
        if (job == null) {
            throw new IllegalStateException("AWX has no job " + jobId);
        }
        return job;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Instant now = clock.instant();
        Map<String, Object> jobs = new LinkedHashMap<>();
        state.jobs.forEach((id, job) -> jobs.put(id, Map.of(
                "template", job.template,
                "status", job.as(now, settings).status(),
                "launchedAt", job.launchedAt.toString(),
                "extraVars", job.extraVars)));
        return Map.of("jobTemplates", state.jobTemplates, "jobs", jobs);
    }

    private State initial() {
        State state = new State();
        state.jobTemplates.add(templates.createStorage().name());
        state.jobTemplates.add(templates.deployZappa().name());
        state.jobTemplates.add(templates.closePostgresPorts().name());
        return state;
    }

    static class State {
        List<String> jobTemplates = new ArrayList<>();
        Map<String, JobState> jobs = new LinkedHashMap<>();
        long nextJobId = 101;
    }

    static class JobState {
        long id;
        String template;
        Instant launchedAt;
        boolean fails;
        Map<String, Object> extraVars = new LinkedHashMap<>();

        TowerJob as(Instant now, RehearsalSettings settings) {
            Duration elapsed = Duration.between(launchedAt, now);
            String status;
            if (elapsed.compareTo(settings.jobQueuedFor()) < 0) {
                status = "pending";
            } else if (elapsed.compareTo(settings.jobQueuedFor().plus(settings.jobRunsFor())) < 0) {
                status = "running";
            } else {
                status = fails ? "failed" : "successful";
            }
            return new TowerJob(id, template, status, fails && "failed".equals(status)
                    ? "Job failed: a task failed on localhost" : "");
        }

        List<String> output(TowerJob now) {
            List<String> lines = new ArrayList<>(List.of(
                    "PLAY [" + template + "] *********************************************************",
                    "TASK [Gathering Facts] *********************************************************",
                    "ok: [localhost]",
                    "TASK [storage : ensure database parameters] ************************************",
                    "ok: [localhost]"));
            if (!now.finished()) {
                return lines;
            }
            if (fails) {
                lines.add("TASK [storage : ensure bucket policy] ******************************************");
                lines.add("fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"AccessDenied: "
                        + "not authorized to perform s3:PutBucketPolicy (fault injected by the rehearsal)\"}");
                lines.add("PLAY RECAP *********************************************************************");
                lines.add("localhost : ok=2 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0");
            } else {
                lines.add("TASK [storage : ensure bucket policy] ******************************************");
                lines.add("changed: [localhost]");
                lines.add("PLAY RECAP *********************************************************************");
                lines.add("localhost : ok=3 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0");
            }
            return lines;
        }
    }
}
