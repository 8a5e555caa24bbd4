package dev.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.MigrationPlan;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** In rehearsal the plan's crawl start is this application's own port, resolved when the plan is bound. */
class RehearsalCrawlStartTest {

    @Configuration
    @EnableConfigurationProperties(MigrationPlan.class)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    static class PlanOnly {
    }

    @Test
    void theCrawlStartTakesTheServerPort() {
        try (ConfigurableApplicationContext plan = start("--server.port=8181")) {
            assertThat(plan.getBean(MigrationPlan.class).preparation().crawlStart())
                    .isEqualTo(URI.create("http://localhost:8181/rehearsal/sites/www/"));
        }
    }

    @Test
    void byDefaultThatIs8080() {
        try (ConfigurableApplicationContext plan = start()) {
            assertThat(plan.getBean(MigrationPlan.class).preparation().crawlStart())
                    .isEqualTo(URI.create("http://localhost:8080/rehearsal/sites/www/"));
        }
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(PlanOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("rehearsal")
                .properties("spring.main.banner-mode=off")
                .run(args);
    }
}
