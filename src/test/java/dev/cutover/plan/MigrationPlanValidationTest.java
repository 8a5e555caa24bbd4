package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/** What an operator sees when the plan is wrong: startup stops, and one report names every bad field. */
@ExtendWith(OutputCaptureExtension.class)
class MigrationPlanValidationTest {

    @Configuration
    @EnableConfigurationProperties(MigrationPlan.class)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    static class PlanOnly {
    }

    @Test
    void theShippedClearmyrecordPlanIsValid() {
        try (ConfigurableApplicationContext started = start()) {
            MigrationPlan plan = started.getBean(MigrationPlan.class);
            assertThat(plan.domains().old().name()).isEqualTo("clearmyrecord.codeforamerica.org");
            assertThat(plan.domains().old().dns()).isEqualTo(MigrationPlan.DnsProvider.NAMECHEAP);
            assertThat(plan.tower().jobTemplates().byKey("createStorage").name()).contains("create_storage");
        }
    }

    @Test
    void anInvalidPlanStopsStartupWithOneReportNamingEveryBadField(CapturedOutput output) {
        assertThatThrownBy(() -> start(
                "--cutover.plan.rds.instance-id=",
                "--cutover.plan.domains.www=https://www.clearmyrecord.org/",
                "--cutover.plan.buckets.media-kms-key-arn=alias/media",
                "--cutover.plan.timings.poll-interval=-PT30S",
                "--cutover.plan.timings.site-live-sla=PT10S"));

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("The configuration under 'cutover.plan' has 6 problems")
                .contains("cutover.plan.rds.instance-id = \"\": must not be blank")
                .contains("cutover.plan.domains.www = \"https://www.clearmyrecord.org/\": must be a lower-case host name")
                .contains("cutover.plan.buckets.media-kms-key-arn = \"alias/media\": must be an ARN")
                .contains("cutover.plan.timings.poll-interval = \"PT-30S\": must be at least 1 second")
                .contains("cutover.plan.timings.site-live-sla = \"PT10S\": must be at least 1 minute");
    }

    @Test
    void aPollIntervalLongerThanTheSlaItWatchesIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cutover.plan.timings.poll-interval=PT2H"));

        assertThat(output.getOut() + output.getErr())
                .contains("cutover.plan.timings: poll-interval must be shorter than site-live-sla");
    }

    @Test
    void aRoute53DomainWithoutItsHostedZoneIsRefused(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cutover.plan.domains.current.hosted-zone-id="));

        assertThat(output.getOut() + output.getErr())
                .contains("cutover.plan.domains.current: a domain whose DNS is in Route53 needs its hosted-zone-id");
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(PlanOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("rehearsal")
                .properties("spring.main.banner-mode=off")
                .run(args);
    }
}
