package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void aPlanFileThatIsMissingStopsStartupNamingThePathAndTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> start("--cutover.plan=plans/nowhere.yaml"));

        assertThat(output.getOut() + output.getErr())
                .contains("The plan plans/nowhere.yaml has 1 problem")
                .contains("the file does not exist")
                .contains("Set cutover.plan (CUTOVER_PLAN) to the plan's path");
    }

    @Test
    void aPlanFileThatIsNotYamlIsRefusedWithItsLine(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path plan = copyOfThePlan(dir, text -> text.replace("  instance-id: clearmyrecord-prod",
                "  instance-id: [clearmyrecord-prod"));

        assertThatThrownBy(() -> start("--cutover.plan=" + plan));

        int line = lineOf(plan, "instance-id: [clearmyrecord-prod");
        assertThat(output.getOut() + output.getErr())
                .contains("The plan " + plan + " has 1 problem")
                .containsPattern("line (" + line + "|" + (line + 1) + "), column \\d+: not valid YAML");
    }

    @Test
    void unknownKeysInThePlanFileAreRefusedWithTheirLinesAndWhatTheSectionHas(@TempDir Path dir,
            CapturedOutput output) throws IOException {
        Path plan = copyOfThePlan(dir, text -> text
                .replaceFirst("(?m)^name: clearmyrecord$", "name: clearmyrecord\nowner: data team")
                .replace("  instance-id: clearmyrecord-prod", "  instance: clearmyrecord-prod"));

        assertThatThrownBy(() -> start("--cutover.plan=" + plan));

        assertThat(output.getOut() + output.getErr())
                .contains("has 2 problems")
                .contains("line " + lineOf(plan, "owner: data team") + ", column 1: unknown key 'owner'; a plan has name, domains,")
                .contains("line " + lineOf(plan, "  instance: clearmyrecord-prod")
                        + ", column 3: unknown key 'rds.instance'; rds has instance-id, master-username");
    }

    @Test
    void aConfirmationNamingNoKeyOfThePlanIsRefused(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path plan = copyOfThePlan(dir, text -> text.replace("  - rds.instance-id\n", "  - rds.instance\n"));

        assertThatThrownBy(() -> start("--cutover.plan=" + plan));

        assertThat(output.getOut() + output.getErr())
                .contains("line " + lineOf(plan, "  - rds.instance") + ", column 5: confirm names 'rds.instance',"
                        + " which is no key of the plan");
    }

    @Test
    void aDurationThatDoesNotParseNamesTheKeyTheValueAndItsLine(@TempDir Path dir, CapturedOutput output)
            throws IOException {
        Path plan = copyOfThePlan(dir, text -> text.replace("poll-interval: PT30S", "poll-interval: thirty seconds"));

        assertThatThrownBy(() -> start("--cutover.plan=" + plan));

        assertThat(output.getOut() + output.getErr())
                .contains("cutover.plan.timings.poll-interval = \"thirty seconds\" (" + plan + " line "
                        + lineOf(plan, "poll-interval: thirty seconds") + "): cannot be read: must be a duration like PT30S");
    }

    @Test
    void aBadValueInThePlanFileIsReportedWithItsLine(@TempDir Path dir, CapturedOutput output) throws IOException {
        Path plan = copyOfThePlan(dir, text -> text.replace("media-kms-key-arn: \"\"", "media-kms-key-arn: alias/media"));

        assertThatThrownBy(() -> start("--cutover.plan=" + plan));

        assertThat(output.getOut() + output.getErr())
                .contains("cutover.plan.buckets.media-kms-key-arn = \"alias/media\" (" + plan + " line "
                        + lineOf(plan, "media-kms-key-arn: alias/media") + "): must be an ARN")
                .contains("Correct these in the plan's file");
    }

    @Test
    void anotherTeamsPlanFileIsTheOneBound(@TempDir Path dir) throws IOException {
        Path plan = copyOfThePlan(dir, text -> text
                .replaceFirst("(?m)^name: clearmyrecord$", "name: expungement")
                .replace("  instance-id: clearmyrecord-prod", "  instance-id: expungement-prod"));

        try (ConfigurableApplicationContext started = start("--cutover.plan=" + plan)) {
            MigrationPlan bound = started.getBean(MigrationPlan.class);
            assertThat(bound.name()).isEqualTo("expungement");
            assertThat(bound.rds().instanceId()).isEqualTo("expungement-prod");
            // the rehearsal profile's overrides still apply over the file
            assertThat(bound.dns().resolvers()).extracting(MigrationPlan.DnsResolver::name).containsExactly("rehearsal");
        }
    }

    static Path copyOfThePlan(Path dir, UnaryOperator<String> edit) throws IOException {
        String original = Files.readString(Path.of(PlanFile.DEFAULT_PATH));
        String edited = edit.apply(original);
        assertThat(edited).as("the test's edit applies to the shipped plan").isNotEqualTo(original);
        Path plan = dir.resolve("plan.yaml");
        Files.writeString(plan, edited);
        return plan;
    }

    private static int lineOf(Path file, String text) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(text) || lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text + " not in " + file);
    }

    private static ConfigurableApplicationContext start(String... args) {
        return new SpringApplicationBuilder(PlanOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("rehearsal")
                .properties("spring.main.banner-mode=off")
                .run(args);
    }
}
