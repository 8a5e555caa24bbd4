package dev.cutover.tower;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.lambda.SimulatedLambda;
import dev.cutover.aws.rds.SimulatedRds;
import dev.cutover.aws.secrets.SimulatedSecretStore;
import dev.cutover.heroku.SimulatedHeroku;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import dev.cutover.web.SimulatedHosting;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Day 2's "close postgres ports" playbook in the rehearsal's AWX: the database's port closes when
 * the job succeeds, and running create_storage again (the runbook's rollback) opens it.
 */
@SimulatedWorldTest
@Import({SimulatedTower.class, SimulatedHosting.class, SimulatedRds.class, SimulatedHeroku.class, SimulatedLambda.class,
        SimulatedSecretStore.class})
class SimulatedTowerPostgresPortsTest {

    private static final String OPEN = "open to 0.0.0.0/0";
    private static final String CLOSED = "closed (only the Lambda security group)";

    @Autowired SimulatedTower tower;
    @Autowired SimulatedRds rds;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired WorldClock clock;
    @Autowired RehearsalSettings settings;
    @Autowired MigrationPlan plan;

    private Duration jobTakes;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
        jobTakes = settings.jobQueuedFor().plus(settings.jobRunsFor());
    }

    @Test
    void thePortClosesWhenTheJobSucceeds_notBefore() {
        TowerJob job = tower.launchJob(closePostgresPorts(), Map.of());

        clock.advance(jobTakes.minusSeconds(1));
        String whileRunning = postgresPort();
        clock.advance(Duration.ofSeconds(1));

        assertThat(whileRunning).isEqualTo(OPEN);
        assertThat(tower.job(job.id()).successful()).isTrue();
        assertThat(postgresPort()).isEqualTo(CLOSED);
        assertThat(tower.jobOutputTail(job.id(), 5))
                .contains("TASK [network : revoke 5432 from 0.0.0.0/0]")
                .contains("changed: [localhost]")
                .endsWith("localhost : ok=4 changed=1 unreachable=0 failed=0 skipped=0 rescued=0 ignored=0");
    }

    @Test
    void aFailedJobLeavesThePortOpen_withTheFailedTaskInItsOutput() {
        faults.arm("tower.job.fails", 1);

        TowerJob job = tower.launchJob(closePostgresPorts(), Map.of());
        clock.advance(jobTakes);

        assertThat(tower.job(job.id()).failed()).isTrue();
        assertThat(postgresPort()).isEqualTo(OPEN);
        assertThat(tower.jobOutputTail(job.id(), 4))
                .contains("TASK [network : revoke 5432 from 0.0.0.0/0]")
                .contains("fatal: [localhost]: FAILED!", "ec2:RevokeSecurityGroupIngress")
                .contains("failed=1");
    }

    @Test
    void aSecondJobFindsThePortClosed_andChangesNothing() {
        tower.launchJob(closePostgresPorts(), Map.of());
        clock.advance(jobTakes);

        TowerJob again = tower.launchJob(closePostgresPorts(), Map.of());
        clock.advance(jobTakes);

        assertThat(postgresPort()).isEqualTo(CLOSED);
        assertThat(tower.jobOutputTail(again.id(), 3))
                .doesNotContain("changed: [localhost]")
                .contains("changed=0 unreachable=0 failed=0");
    }

    @Test
    void createStorageRunAgainOpensThePortWhenItSucceeds() {
        tower.launchJob(closePostgresPorts(), Map.of());
        clock.advance(jobTakes);

        tower.launchJob(plan.tower().jobTemplates().createStorage().name(), Map.of());
        clock.advance(jobTakes.minusSeconds(1));
        String whileRunning = postgresPort();
        clock.advance(Duration.ofSeconds(1));

        assertThat(whileRunning).isEqualTo(CLOSED);
        assertThat(postgresPort()).isEqualTo(OPEN);
    }

    @Test
    void theDeployPlaybookLeavesThePortAlone() {
        tower.launchJob(plan.tower().jobTemplates().deployZappa().name(), Map.of());
        clock.advance(jobTakes);

        assertThat(postgresPort()).isEqualTo(OPEN);
    }

    private String closePostgresPorts() {
        return plan.tower().jobTemplates().closePostgresPorts().name();
    }

    private String postgresPort() {
        return world.toTree(rds.view()).path("instances").path(plan.rds().instanceId()).path("postgresPort").asText();
    }
}
