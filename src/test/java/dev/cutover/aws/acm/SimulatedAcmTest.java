package dev.cutover.aws.acm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.aws.route53.DnsRecord;
import dev.cutover.aws.route53.Route53Port;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.TestClock;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedAcmTest {

    private static final String API = "api.clearmyrecord.org";

    @Autowired AcmPort acm;
    @Autowired Route53Port route53;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired TestClock clock;
    @Autowired MigrationPlan plan;

    @BeforeEach
    void freshWorld() {
        clock.reset();
        world.reset();
    }

    // the engine's clock is static: leave it ticking in real time for the tests that come after
    @AfterEach
    void realTimeAgain() {
        ClockUtil.reset();
    }

    @Test
    void findsTheCertificateIssuedBeforeDay0WithItsCnamesAlreadyInTheZone() {
        Ensured<Certificate> result = acm.ensureCertificate("clearmyrecord.org", List.of("www.clearmyrecord.org"), "t1");

        assertThat(result.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(result.value().issued()).isTrue();
        assertThat(result.value().validationRecords()).hasSize(2).allSatisfy(record -> {
            assertThat(record.status()).isEqualTo("SUCCESS");
            assertThat(route53.record(zone(), record.name(), "CNAME").orElseThrow().value()).isEqualTo(record.value());
        });
    }

    @Test
    void aRequestedCertificateShowsItsRecordsAfterASecondAndIsIssuedSoonAfterTheyAreInTheZone() {
        Certificate requested = acm.ensureCertificate(API, List.of(), "cutover_api").value();
        assertThat(requested.status()).isEqualTo("PENDING_VALIDATION");
        assertThat(requested.validationRecords()).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        List<Certificate.ValidationRecord> records = acm.certificate(requested.arn()).validationRecords();
        assertThat(records).singleElement().satisfies(record -> assertThat(record.name()).endsWith("." + API));

        route53.ensureRecords(zone(), records.stream()
                .map(record -> new DnsRecord(record.name(), record.type(), record.value(), 300)).toList());
        assertThat(acm.certificate(requested.arn()).status()).isEqualTo("PENDING_VALIDATION");

        clock.advance(SimulatedAcm.ISSUED_AFTER_VALIDATION);
        Certificate issued = acm.certificate(requested.arn());
        assertThat(issued.issued()).isTrue();
        assertThat(issued.validationRecords()).extracting(Certificate.ValidationRecord::status).containsOnly("SUCCESS");
    }

    @Test
    void withoutItsRecordsACertificateStaysPendingUntilValidationTimesOut() {
        Certificate requested = acm.ensureCertificate(API, List.of(), "cutover_api").value();

        clock.advance(Duration.ofHours(1));
        assertThat(acm.certificate(requested.arn()).status()).isEqualTo("PENDING_VALIDATION");
        clock.advance(Duration.ofHours(71));
        assertThat(acm.certificate(requested.arn()).status()).isEqualTo("VALIDATION_TIMED_OUT");
    }

    @Test
    void aPendingCertificateForTheSameNamesIsFoundNotRequestedTwice() {
        Certificate first = acm.ensureCertificate(API, List.of(), "cutover_api").value();

        Ensured<Certificate> again = acm.ensureCertificate(API.toUpperCase() + ".", List.of(), "another_token");

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value().arn()).isEqualTo(first.arn());
    }

    @Test
    void anInjectedCaaProblemEndsTheNextCertificateFailed() {
        faults.arm("acm.validation.fails", 1);
        Certificate requested = acm.ensureCertificate(API, List.of(), "cutover_api").value();
        clock.advance(Duration.ofSeconds(1));
        var records = acm.certificate(requested.arn()).validationRecords();
        route53.ensureRecords(zone(), records.stream()
                .map(record -> new DnsRecord(record.name(), record.type(), record.value(), 300)).toList());
        acm.certificate(requested.arn());

        clock.advance(SimulatedAcm.ISSUED_AFTER_VALIDATION);
        Certificate failed = acm.certificate(requested.arn());

        assertThat(failed.failed()).isTrue();
        assertThat(failed.status()).isEqualTo("FAILED");
        assertThat(failed.failureReason()).isEqualTo("CAA_ERROR");
    }

    @Test
    void anIssuedCertificateStaysIssuedWhenItsRecordChangesLater() {
        Certificate requested = acm.ensureCertificate(API, List.of(), "cutover_api").value();
        clock.advance(Duration.ofSeconds(1));
        var record = acm.certificate(requested.arn()).validationRecords().get(0);
        route53.ensureRecords(zone(), List.of(new DnsRecord(record.name(), "CNAME", record.value(), 300)));
        acm.certificate(requested.arn());
        clock.advance(SimulatedAcm.ISSUED_AFTER_VALIDATION);
        acm.certificate(requested.arn());

        route53.ensureRecords(zone(), List.of(new DnsRecord(record.name(), "CNAME", "elsewhere.example.com", 300)));

        assertThat(acm.certificate(requested.arn()).issued()).isTrue();
    }

    @Test
    void theWorldViewShowsEachCertificateAndItsStatus() {
        acm.ensureCertificate(API, List.of(), "cutover_api");

        JsonNode view = world.toTree(((WorldPart) acm).view());

        assertThat(view.path("certificates")).extracting(certificate -> certificate.path("domain").asText(),
                        certificate -> certificate.path("status").asText())
                .containsExactly(tuple("clearmyrecord.org", "ISSUED"), tuple(API, "PENDING_VALIDATION"));
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("acm.outage", 1);

        assertThatThrownBy(() -> acm.ensureCertificate(API, List.of(), "cutover_api")).isInstanceOf(SimulatedOutage.class);
        assertThat(acm.ensureCertificate(API, List.of(), "cutover_api").changed()).isTrue();
    }

    private String zone() {
        return plan.domains().current().hostedZoneId();
    }
}
