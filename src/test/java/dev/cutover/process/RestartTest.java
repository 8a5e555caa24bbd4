package dev.cutover.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.CutoverApplication;
import dev.cutover.aws.rds.RdsPort;
import dev.cutover.ledger.Ledger;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestDatabase;
import dev.cutover.support.TestSupportConfiguration;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The engine and the simulated world live in one database: a restarted rehearsal resumes where it stopped. */
@Tag("engine")
class RestartTest {

    @Test
    void aRunResumedAfterARestartFindsTheWorldItLeft() {
        ClockUtil.reset();
        Map<String, Object> database = TestDatabase.create();
        String runId;
        String snapshot;
        try (ConfigurableApplicationContext before = start(database)) {
            runId = before.getBean(EarlierPhases.class).start("day-0", "restart-1").getId();
            ManagementService management = before.getBean(ManagementService.class);
            management.executeJob(management.createJobQuery().processInstanceId(runId).singleResult().getId());
            snapshot = (String) before.getBean(RuntimeService.class).getVariable(runId, "snapshotId");
            assertThat(before.getBean(RdsPort.class).snapshot(snapshot)).isPresent();
        }

        try (ConfigurableApplicationContext after = start(database)) {
            after.getBean(Jobs.class).runAll(runId);

            assertThat(after.getBean(HistoryService.class).createHistoricProcessInstanceQuery()
                    .processInstanceId(runId).singleResult().getState()).isEqualTo("COMPLETED");
            assertThat(after.getBean(RdsPort.class).snapshot(snapshot).orElseThrow().available())
                    .isTrue();
            assertThat(after.getBean(Ledger.class).entries("restart-1").stream()
                    .filter(entry -> entry.step().equals("Run snapshot on prod"))
                    .map(entry -> entry.outcome().label()))
                    .containsExactly("changed");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> database) {
        Map<String, Object> settings = new java.util.LinkedHashMap<>(database);
        settings.put("camunda.bpm.job-execution.enabled", "false");
        settings.put("cutover.access.admin-password", "rehearsal-admin-password");
        settings.put("server.port", "0");
        // the rehearsal's DNS responder on a port of its own, not 10053 where a rehearsal may be running
        settings.put("cutover.rehearsal.dns-port", String.valueOf(TestDatabase.freeUdpPort()));
        // engines register by name in one JVM-wide registry: closing this one must not unregister
        // the engine of the test context the other tests share
        settings.put("camunda.bpm.process-engine-name", "restarttest");
        settings.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(CutoverApplication.class, TestSupportConfiguration.class)
                .profiles("rehearsal")
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }
}
