package dev.cutover.support;

import dev.cutover.web.ProbePause;

import org.camunda.bpm.engine.ManagementService;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

@TestConfiguration
public class TestSupportConfiguration {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    /** A bounded probe's pause moves the test's clock: a 90-second probe passes without anyone waiting. */
    @Bean
    @Primary
    ProbePause clockMovingPause(TestClock clock) {
        return new ProbePause() {
            @Override
            public void pause(java.time.Duration interval) {
                clock.advance(interval);
            }
        };
    }

    @Bean
    EarlierPhases earlierPhases(org.camunda.bpm.engine.RuntimeService runtime,
            org.camunda.bpm.engine.HistoryService history, org.camunda.bpm.engine.TaskService tasks, Jobs jobs) {
        return new EarlierPhases(runtime, history, tasks, jobs);
    }

    @Bean
    WorldViews worldViews(dev.cutover.rehearsal.WorldStore world,
            java.util.List<dev.cutover.rehearsal.WorldPart> parts) {
        return new WorldViews(world, parts);
    }

    @Bean
    Jobs jobs(ManagementService management, org.camunda.bpm.engine.TaskService tasks, TestClock clock) {
        return new Jobs(management, tasks, clock);
    }
}
