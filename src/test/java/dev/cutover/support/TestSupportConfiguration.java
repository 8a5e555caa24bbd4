package dev.cutover.support;

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

    @Bean
    Jobs jobs(ManagementService management, TestClock clock) {
        return new Jobs(management, clock);
    }
}
