package dev.cutover.aws.quotas;

import static dev.cutover.aws.quotas.ServiceQuotasPort.EC2;
import static dev.cutover.aws.quotas.ServiceQuotasPort.ELASTIC_IPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@SimulatedWorldTest
@Import(SimulatedServiceQuotas.class)
class SimulatedServiceQuotasTest {

    @Autowired SimulatedServiceQuotas quotas;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired WorldClock clock;

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
    }

    @Test
    void elasticIpsStartAtTheDefaultOfFive() {
        Ensured<QuotaRequest> five = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 5);

        assertThat(five.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(five.value().currentValue()).isEqualTo(5);
        assertThat(five.value().granted()).isTrue();
    }

    @Test
    void anIncreaseIsPendingThenACaseThenApprovedAndRaisesTheQuota() {
        Ensured<QuotaRequest> requested = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10);
        String id = requested.value().id();

        assertThat(requested.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(requested.value().status()).isEqualTo("PENDING");
        clock.advance(Duration.ofSeconds(2));
        assertThat(quotas.quotaRequest(id).status()).isEqualTo("CASE_OPENED");
        assertThat(quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10))
                .isEqualTo(Ensured.alreadyDone(new QuotaRequest(id, EC2, ELASTIC_IPS, 10, 5, "CASE_OPENED")));
        clock.advance(Duration.ofSeconds(4));
        QuotaRequest approved = quotas.quotaRequest(id);
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(approved.currentValue()).isEqualTo(10);
        assertThat(approved.granted()).isTrue();
        assertThat(quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10).value().id()).isNull();
    }

    @Test
    void aDeniedFaultEndsTheNextRequestDeniedAndLeavesTheQuota() {
        faults.arm("quotas.denied", 1);
        String id = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10).value().id();

        clock.advance(Duration.ofSeconds(6));
        QuotaRequest denied = quotas.quotaRequest(id);

        assertThat(denied.status()).isEqualTo("DENIED");
        assertThat(denied.refused()).isTrue();
        assertThat(denied.currentValue()).isEqualTo(5);
    }

    @Test
    void aDeniedFaultIsKeptForARequestNotSpentOnAQuotaHighEnough() {
        faults.arm("quotas.denied", 1);
        quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 5);

        String id = quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10).value().id();
        clock.advance(Duration.ofSeconds(6));

        assertThat(quotas.quotaRequest(id).status()).isEqualTo("DENIED");
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("quotas.outage", 1);

        assertThatThrownBy(() -> quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10)).isInstanceOf(SimulatedOutage.class);
        assertThat(quotas.ensureQuotaAtLeast(EC2, ELASTIC_IPS, 10).outcome()).isEqualTo(Outcome.CHANGED);
    }
}
