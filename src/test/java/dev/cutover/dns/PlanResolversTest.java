package dev.cutover.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.MigrationPlan;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** Which resolvers "Check DNS has completely propagated" asks comes from the plan. */
class PlanResolversTest {

    @Configuration
    @EnableConfigurationProperties(MigrationPlan.class)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    static class PlanOnly {
    }

    @Test
    void theLivePlanAsksSixPublicResolversOnPort53() {
        try (ConfigurableApplicationContext started = start("live")) {
            MigrationPlan plan = started.getBean(MigrationPlan.class);

            assertThat(Resolver.of(plan.dns())).containsExactly(
                    new Resolver("Google", "8.8.8.8", 53),
                    new Resolver("Google secondary", "8.8.4.4", 53),
                    new Resolver("Cloudflare", "1.1.1.1", 53),
                    new Resolver("Cloudflare secondary", "1.0.0.1", 53),
                    new Resolver("Quad9", "9.9.9.9", 53),
                    new Resolver("OpenDNS", "208.67.222.222", 53));
        }
    }

    @Test
    void aRehearsalAsksOnlyItsOwnResponderOnTheConfiguredPort() {
        try (ConfigurableApplicationContext started = start("rehearsal", "--cutover.rehearsal.dns-port=15353")) {
            MigrationPlan plan = started.getBean(MigrationPlan.class);

            assertThat(Resolver.of(plan.dns())).containsExactly(new Resolver("rehearsal", "127.0.0.1", 15353));
        }
    }

    private static ConfigurableApplicationContext start(String profile, String... args) {
        return new SpringApplicationBuilder(PlanOnly.class)
                .web(WebApplicationType.NONE)
                .profiles(profile)
                .properties("spring.main.banner-mode=off")
                .run(args);
    }
}
