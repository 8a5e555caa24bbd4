package dev.cutover.aws.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedRoute53Test {

    @Autowired Route53Port route53;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired TestClock clock;
    @Autowired MigrationPlan plan;

    private String zone;

    @BeforeEach
    void freshWorld() {
        clock.reset();
        world.reset();
        zone = plan.domains().current().hostedZoneId();
    }

    // the engine's clock is static: leave it ticking in real time for the tests that come after
    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
    }

    @Test
    void theApexIsAlreadyAnAliasToTheRedirectBucketsWebsiteEndpoint() {
        Optional<DnsRecord> apex = route53.record(zone, "clearmyrecord.org", "A");

        assertThat(apex).contains(new DnsRecord("clearmyrecord.org", "A", "s3-website-us-east-1.amazonaws.com", 0));
        assertThat(route53.ensureAliasToS3Website(zone, "clearmyrecord.org", plan.aws().region()).outcome())
                .isEqualTo(Outcome.ALREADY_DONE);
    }

    @Test
    void wwwPointsNowhereYetAndTheZoneHasItsNameServers() {
        assertThat(route53.record(zone, "www.clearmyrecord.org", "CNAME")).isEmpty();
        assertThat(route53.record(zone, "www.clearmyrecord.org", "A")).isEmpty();
        assertThat(route53.record(zone, "clearmyrecord.org", "NS").orElseThrow().value()).contains("awsdns");
    }

    @Test
    void aNewRecordsChangeIsPendingForTwoSecondsThenInsync() {
        Ensured<Optional<String>> written = route53.ensureRecords(zone, List.of(
                new DnsRecord("www.clearmyrecord.org", "CNAME", "d-abc123.execute-api.us-east-1.amazonaws.com", 60)));

        String changeId = written.value().orElseThrow();
        assertThat(written.changed()).isTrue();
        assertThat(route53.changeStatus(changeId)).isEqualTo("PENDING");
        clock.advance(Duration.ofSeconds(2));
        assertThat(route53.changeStatus("/change/" + changeId)).isEqualTo("INSYNC");
        assertThat(route53.record(zone, "www.clearmyrecord.org.", "CNAME")).contains(
                new DnsRecord("www.clearmyrecord.org", "CNAME", "d-abc123.execute-api.us-east-1.amazonaws.com", 60));
    }

    @Test
    void recordsThatAlreadyHaveTheirValueNeedNoChange() {
        List<DnsRecord> records = List.of(new DnsRecord("www.clearmyrecord.org", "CNAME", "d-abc123.example.com", 60));
        route53.ensureRecords(zone, records);

        Ensured<Optional<String>> again = route53.ensureRecords(zone, records);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value()).isEmpty();
    }

    @Test
    void refusesARecordOutsideTheZone() {
        assertThatThrownBy(() -> route53.ensureRecords(zone,
                List.of(new DnsRecord("clearmyrecord.codeforamerica.org", "CNAME", "www.clearmyrecord.org", 60))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("not permitted in zone clearmyrecord.org");
    }

    @Test
    void theWorldViewShowsWhereEachNamePointsAndEveryChange() {
        route53.ensureRecords(zone, List.of(new DnsRecord("www.clearmyrecord.org", "CNAME", "d-abc123.example.com", 60)));

        JsonNode view = world.toTree(((WorldPart) route53).view());

        JsonNode records = view.path("zones").path("clearmyrecord.org").path("records");
        assertThat(records.findValuesAsText("value"))
                .contains("s3-website-us-east-1.amazonaws.com", "d-abc123.example.com");
        assertThat(view.path("changes").findValuesAsText("status")).containsExactly("PENDING");
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("route53.outage", 1);

        assertThatThrownBy(() -> route53.record(zone, "clearmyrecord.org", "A")).isInstanceOf(SimulatedOutage.class);
        assertThat(route53.record(zone, "clearmyrecord.org", "A")).isPresent();
    }
}
