package dev.cutover.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Crash and resume: whole rehearsals of the cutover run by the packaged application on PostgreSQL,
 * its JVM killed with SIGKILL at seeded random moments and started again, the people's tasks worked over
 * REST throughout. Every run must complete, and every outside side effect must have happened exactly
 * once ({@link SideEffects}).
 *
 * <p>The seed is printed; replay a failure with {@code -Dreliability.seed=<seed>}. {@code reliability.runs}
 * and {@code reliability.kills-per-run} set how many (3 runs × 7 kills by default).
 */
class CrashAndResumeReliabilityIT {

    /** Each kill lands this long after the node answered again (or the run started): within 0.2–12 s. */
    private static final int MIN_DELAY_MILLIS = 200;
    private static final int MAX_DELAY_MILLIS = 12_000;
    private static final Duration START_WITHIN = Duration.ofMinutes(3);
    private static final Duration RUN_WITHIN = Duration.ofMinutes(10);

    @Test
    void everyRunCompletesAndEveryOutsideSideEffectHappensOnceWhateverMomentTheJvmIsKilledAt() {
        long seed = Long.getLong("reliability.seed", new Random().nextLong());
        int runs = Integer.getInteger("reliability.runs", 3);
        int killsPerRun = Integer.getInteger("reliability.kills-per-run", 7);
        System.out.println("[reliability] crash and resume: seed " + seed + " (replay with -Dreliability.seed="
                + seed + "), " + runs + " runs × " + killsPerRun + " kills");
        Random random = new Random(seed);
        List<String> killPoints = new ArrayList<>();
        Map<String, Integer> keysRemade = new TreeMap<>();
        int killedWithJobsLocked = 0;
        Set<String> deadOwners = new HashSet<>();
        Instant began = Instant.now();

        try (ReliabilityDatabase database = new ReliabilityDatabase("crash");
             CutoverNode node = new CutoverNode("crash-node", Ports.freeTcp(), database, Map.of(
                     // a job the killed JVM held is taken up again this long after it was locked
                     "camunda.bpm.job-execution.lock-time-in-millis", "20000",
                     // Day 2 starts by itself 5 s (5 min / 60) after Day 1
                     "cutover.plan.launch.day-2-after", "PT5M"))) {
            node.start(START_WITHIN);
            CutoverRest rest = new CutoverRest(node::baseUrl);
            for (int number = 1; number <= runs; number++) {
                String run = "crash-" + number;
                rest.resetWorld();
                Instant started = Instant.now();
                rest.startRun(run);
                int kills = 0;
                Instant killAt = Instant.now().plusMillis(delay(random));
                Instant deadline = Instant.now().plus(RUN_WITHIN);
                while (!"COMPLETED".equals(rest.runState(run))) {
                    assertThat(Instant.now()).as("run %s still not done after %s (seed %d); last refusal: %s;"
                            + " incidents: %s", run, RUN_WITHIN, seed, rest.lastRefusal(), rest.incidents())
                            .isBefore(deadline);
                    // a run that ends before its share of kills leaves the rest to the next one
                    if (killPoints.size() < runs * killsPerRun * number / runs && Instant.now().isAfter(killAt)) {
                        // half of the kills wait for a step in progress: its job locked, the JVM inside it
                        List<String> running = random.nextBoolean()
                                ? awaitRunningJob(database, deadOwners) : runningJobs(database, deadOwners);
                        // whatever holds a lock now is this JVM: its locks outlive it until they expire
                        database.query("select distinct lock_owner_ as owner from act_ru_job where lock_owner_ is not null")
                                .forEach(row -> deadOwners.add((String) row.get("owner")));
                        node.kill();
                        List<String> at = activeActivities(database, run);
                        kills++;
                        killedWithJobsLocked += running.isEmpty() ? 0 : 1;
                        killPoints.add(run + " +" + Duration.between(started, Instant.now()).toSeconds() + "s at "
                                + at + (running.isEmpty() ? "" : " in the middle of " + running));
                        System.out.println("[reliability] kill " + killPoints.size() + ": " + killPoints.get(
                                killPoints.size() - 1));
                        node.start(START_WITHIN);
                        killAt = Instant.now().plusMillis(delay(random));
                        continue;
                    }
                    rest.workOpenTasks(run);
                    CutoverNode.pause(Duration.ofMillis(300));
                }

                assertThat(rest.endedDone(run)).as("run %s ended at 'Cutover done'", run).isTrue();
                assertThat(rest.incidents()).as("incidents left by run %s", run).isEmpty();
                SideEffects effects = new SideEffects(rest.world(), run);
                System.out.println("[reliability] " + run + " completed in "
                        + Duration.between(started, Instant.now()).toSeconds() + " s with " + kills + " kills: "
                        + effects.counts());
                assertThat(effects.duplicates()).as("side effects of run %s not exactly once (seed %d)", run, seed)
                        .isEmpty();
                keysRemade.put(run, effects.keysRemade());
            }
        }

        System.out.println("[reliability] crash and resume, seed " + seed + ": " + runs + " runs completed, "
                + killPoints.size() + " kill points (" + killedWithJobsLocked + " in the middle of a step), 0 duplicates,"
                + " IAM keys made again after a crash " + keysRemade + ", in "
                + Duration.between(began, Instant.now()).toSeconds() + " s");
        assertThat(killPoints).hasSizeGreaterThanOrEqualTo(Math.min(20, runs * killsPerRun));
    }

    /**
     * The window a random kill seldom finds, found on purpose: the JVM halts the moment AWX has started a
     * playbook's job, before the step has recorded the job's id (the rehearsal's {@code tower.launch.crash-after},
     * armed for each of the run's three launches: create_storage on Day 0, Deploy Zappa on Day 1, close postgres
     * ports on Day 2). Each restart's retry must find the job by its launch marker and follow it.
     */
    @Test
    void aCrashBetweenAwxStartingAJobAndTheStepRecordingItLaunchesNoSecondJob() {
        String run = "launch-window";
        try (ReliabilityDatabase database = new ReliabilityDatabase("window");
             CutoverNode node = new CutoverNode("window-node", Ports.freeTcp(), database, Map.of(
                     "cutover.rehearsal.crash-faults", "true",
                     "camunda.bpm.job-execution.lock-time-in-millis", "20000",
                     "cutover.plan.launch.day-2-after", "PT5M"))) {
            node.start(START_WITHIN);
            CutoverRest rest = new CutoverRest(node::baseUrl);
            rest.resetWorld();
            rest.armFault("tower.launch.crash-after", 3, null);
            Instant started = Instant.now();
            rest.startRun(run);
            List<String> crashes = new ArrayList<>();
            Instant deadline = Instant.now().plus(RUN_WITHIN);
            while (true) {
                assertThat(Instant.now()).as("run %s still not done after %s; crashes %s", run, RUN_WITHIN, crashes)
                        .isBefore(deadline);
                if (!node.alive()) {
                    crashes.add(run + " +" + Duration.between(started, Instant.now()).toSeconds() + "s at "
                            + activeActivities(database, run));
                    System.out.println("[reliability] halted after an AWX launch: " + crashes.get(crashes.size() - 1));
                    node.start(START_WITHIN);
                    continue;
                }
                try {
                    if ("COMPLETED".equals(rest.runState(run))) {
                        break;
                    }
                    rest.workOpenTasks(run);
                } catch (IllegalStateException haltedMeanwhile) {
                    if (!node.exitsWithin(Duration.ofSeconds(10))) {
                        throw haltedMeanwhile;
                    }
                    continue;
                }
                CutoverNode.pause(Duration.ofMillis(300));
            }

            assertThat(crashes).as("the JVM halted after each of the three launches").hasSize(3);
            assertThat(rest.endedDone(run)).as("run %s ended at 'Cutover done'", run).isTrue();
            assertThat(rest.incidents()).as("incidents left by run %s", run).isEmpty();
            JsonNode world = rest.world();
            SideEffects effects = new SideEffects(world, run);
            System.out.println("[reliability] " + run + " completed in " + Duration.between(started, Instant.now())
                    .toSeconds() + " s after " + crashes.size() + " halts right after an AWX launch: " + effects.counts());
            assertThat(effects.duplicates()).as("side effects of run %s not exactly once", run).isEmpty();
            List<JsonNode> jobs = new ArrayList<>();
            world.path("tower").path("jobs").forEach(jobs::add);
            assertThat(jobs).as("each AWX job carries its launch marker").allSatisfy(job ->
                    assertThat(job.at("/extraVars/cutover_launch").asText()).endsWith("/attempt-1"));
        }
    }

    private static int delay(Random random) {
        return MIN_DELAY_MILLIS + random.nextInt(MAX_DELAY_MILLIS - MIN_DELAY_MILLIS);
    }

    /**
     * The steps whose jobs the running JVM holds now (locked, not yet committed), by activity id; a lock
     * a killed JVM left behind (its owner in {@code deadOwners}) is no step in progress.
     */
    private static List<String> runningJobs(ReliabilityDatabase database, Set<String> deadOwners) {
        return database.query("select d.act_id_ as activity, j.lock_owner_ as owner from act_ru_job j"
                        + " join act_ru_jobdef d on d.id_ = j.job_def_id_"
                        + " where j.lock_owner_ is not null and j.lock_exp_time_ > now() order by 1").stream()
                .filter(row -> !deadOwners.contains(row.get("owner")))
                .map(row -> (String) row.get("activity")).toList();
    }

    /** The next moment a step is in progress (its job locked), looked for every 20 ms for at most 15 s. */
    private static List<String> awaitRunningJob(ReliabilityDatabase database, Set<String> deadOwners) {
        Instant until = Instant.now().plusSeconds(15);
        List<String> running = runningJobs(database, deadOwners);
        while (running.isEmpty() && Instant.now().isBefore(until)) {
            CutoverNode.pause(Duration.ofMillis(20));
            running = runningJobs(database, deadOwners);
        }
        return running;
    }

    /** Where the run's tokens are (the whole run's and its phases'), read from the engine's tables. */
    private static List<String> activeActivities(ReliabilityDatabase database, String run) {
        return database.query("select distinct e.act_id_ as activity from act_ru_execution e"
                        + " join act_ru_execution p on p.id_ = e.proc_inst_id_"
                        + " where p.business_key_ = ? and e.act_id_ is not null order by 1", run).stream()
                .map(row -> (String) row.get("activity")).toList();
    }
}
