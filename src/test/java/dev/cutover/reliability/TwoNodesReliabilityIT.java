package dev.cutover.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two nodes, one database: two JVMs of the packaged application on one PostgreSQL database, each
 * with a hostname of its own, sharing the work through Camunda's job executor (jobs locked in the
 * database, optimistic locking on the rows they change), nothing else coordinating them. A whole
 * rehearsal runs jobs on both; a node killed in the middle of a step leaves its job locked, and the
 * other node finishes it once the lock time is over.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesReliabilityIT {

    /** Short for the test: a step of the rehearsal takes well under it (the slowed Pingdom call 15 s). */
    private static final int LOCK_TIME_MILLIS = 25_000;
    private static final Duration START_WITHIN = Duration.ofMinutes(3);
    private static final Duration RUN_WITHIN = Duration.ofMinutes(8);

    private ReliabilityDatabase database;
    private CutoverNode nodeA;
    private CutoverNode nodeB;

    @BeforeAll
    void twoNodesOnOneDatabase() {
        database = new ReliabilityDatabase("two_nodes");
        Map<String, String> settings = Map.of(
                "camunda.bpm.job-execution.lock-time-in-millis", String.valueOf(LOCK_TIME_MILLIS),
                "cutover.plan.launch.day-2-after", "PT5M");
        nodeA = new CutoverNode("node-a", Ports.freeTcp(), database, settings).start(START_WITHIN);
        nodeB = new CutoverNode("node-b", Ports.freeTcp(), database, settings).start(START_WITHIN);
    }

    @AfterAll
    void stopThem() {
        if (nodeA != null) {
            nodeA.close();
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void aWholeRehearsalRunsItsJobsOnBothNodesEachJobOnce() {
        // the people work on node A, the jobs go wherever the job executors take them
        CutoverRest rest = new CutoverRest(nodeA::baseUrl);
        rest.resetWorld();
        Instant started = Instant.now();
        rest.startRun("two-nodes");

        workUntilCompleted(rest, "two-nodes");

        Map<String, Long> perNode = jobsPerNode("two-nodes");
        // a job whose commit met another node's change to the same rows: rolled back and run again
        long conflicts = occurrences(nodeA, "OptimisticLockingException") + occurrences(nodeB,
                "OptimisticLockingException");
        System.out.println("[reliability] two nodes: run completed in " + Duration.between(started, Instant.now())
                .toSeconds() + " s, jobs executed per node " + perNode + ", optimistic-locking conflicts retried "
                + conflicts);
        assertThat(rest.endedDone("two-nodes")).isTrue();
        assertThat(perNode).containsOnlyKeys("node-a", "node-b").allSatisfy((node, jobs) -> assertThat(jobs)
                .as("jobs executed on %s", node).isPositive());
        assertThat(jobsExecutedTwice("two-nodes")).as("jobs that succeeded twice").isEmpty();
        assertThat(rest.incidents()).isEmpty();
        assertThat(new SideEffects(rest.world(), "two-nodes").duplicates()).isEmpty();
    }

    @Test
    @Order(2)
    void aNodeKilledInTheMiddleOfAStepLeavesItToTheOtherNodeOnceTheLockTimeIsOver() {
        CutoverRest rest = new CutoverRest(() -> nodeA.alive() ? nodeA.baseUrl() : nodeB.baseUrl());
        rest.resetWorld();
        // Pingdom answers the next call after 15 s: the node whose job makes it is caught in the middle
        rest.armFault("pingdom.slow", 1, "PT15S");
        rest.startRun("take-over");

        Instant deadline = Instant.now().plus(RUN_WITHIN);
        CutoverNode inTheMiddle = null;
        while (inTheMiddle == null) {
            assertThat(Instant.now()).as("the Pingdom step never started").isBefore(deadline);
            rest.workOpenTasks("take-over");
            if (!rest.world().path("faults").has("pingdom.slow")) {
                inTheMiddle = callingPingdom(nodeA) ? nodeA : callingPingdom(nodeB) ? nodeB : null;
            }
            CutoverNode.pause(Duration.ofMillis(200));
        }
        CutoverNode survivor = inTheMiddle == nodeA ? nodeB : nodeA;
        Map<String, Object> job = database.query("select j.id_ as id, j.lock_exp_time_ as lock_expires"
                + " from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_"
                + " where d.act_id_ = 'addPingdomOnNewDomain' and j.lock_owner_ is not null").get(0);
        Instant killed = Instant.now();
        inTheMiddle.kill();
        System.out.println("[reliability] killed " + inTheMiddle.name() + " in the middle of 'Add Pingdom on the new"
                + " domain' (job " + job.get("id") + ", locked until " + job.get("lock_expires") + ")");

        workUntilCompleted(new CutoverRest(survivor::baseUrl), "take-over");

        Map<String, Object> finished = database.query("select hostname_ as node, timestamp_ as at from act_hi_job_log"
                + " where job_id_ = ? and job_state_ = 2", job.get("id")).get(0);
        Instant lockExpired = ((Timestamp) job.get("lock_expires")).toInstant();
        Instant takenOver = ((Timestamp) finished.get("at")).toInstant();
        System.out.println("[reliability] take-over: " + survivor.name() + " finished the job "
                + Duration.between(killed, takenOver).toMillis() + " ms after the kill, "
                + Duration.between(lockExpired, takenOver).toMillis() + " ms after its lock expired (lock time "
                + LOCK_TIME_MILLIS + " ms); jobs per node " + jobsPerNode("take-over"));
        assertThat(finished.get("node")).isEqualTo(survivor.name());
        assertThat(takenOver).isAfterOrEqualTo(lockExpired);
        CutoverRest rest2 = new CutoverRest(survivor::baseUrl);
        assertThat(rest2.endedDone("take-over")).isTrue();
        assertThat(rest2.incidents()).isEmpty();
        assertThat(new SideEffects(rest2.world(), "take-over").duplicates()).isEmpty();
    }

    private static long occurrences(CutoverNode node, String text) {
        return node.logSinceStart().lines().filter(line -> line.contains(text)).count();
    }

    private static void workUntilCompleted(CutoverRest rest, String run) {
        Instant deadline = Instant.now().plus(RUN_WITHIN);
        while (!"COMPLETED".equals(rest.runState(run))) {
            assertThat(Instant.now()).as("run %s still not done after %s; last refusal: %s; incidents: %s", run,
                    RUN_WITHIN, rest.lastRefusal(), rest.incidents()).isBefore(deadline);
            rest.workOpenTasks(run);
            CutoverNode.pause(Duration.ofMillis(300));
        }
    }

    /** The jobs of the run (its phases' included) that succeeded, by the hostname of the node that ran them. */
    private Map<String, Long> jobsPerNode(String run) {
        Map<String, Long> perNode = new TreeMap<>();
        database.query("select l.hostname_ as node, count(*) as jobs from act_hi_job_log l"
                + " join act_hi_procinst p on p.id_ = l.process_instance_id_"
                + " where l.job_state_ = 2 and p.business_key_ = ? group by l.hostname_", run)
                .forEach(row -> perNode.put((String) row.get("node"), ((Number) row.get("jobs")).longValue()));
        return perNode;
    }

    private List<Map<String, Object>> jobsExecutedTwice(String run) {
        return database.query("select l.job_id_ as job, count(*) as times from act_hi_job_log l"
                + " join act_hi_procinst p on p.id_ = l.process_instance_id_"
                + " where l.job_state_ = 2 and p.business_key_ = ? group by l.job_id_ having count(*) > 1", run);
    }

    /** Whether one of the node's threads is inside the slowed Pingdom call (a thread dump, as jcmd takes it). */
    private static boolean callingPingdom(CutoverNode node) {
        String jcmd = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process dump = new ProcessBuilder(jcmd, String.valueOf(node.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor();
            return threads.contains("SimulatedLatency.pause") && threads.contains("SimulatedPingdom");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
