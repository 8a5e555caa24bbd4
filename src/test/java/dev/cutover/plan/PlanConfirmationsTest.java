package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.BadUserRequestException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/** The plan's values to confirm: listed always, and in a live run no phase starts while one remains. */
@ExtendWith(OutputCaptureExtension.class)
class PlanConfirmationsTest {

    @Test
    void aLiveRunWithValuesToConfirmRefusesToStartAPhaseNamingThem() {
        PlanConfirmations confirmations = new PlanConfirmations(live()
                .withProperty("cutover.plan.confirm[0]", "rds.instance-id")
                .withProperty("cutover.plan.confirm[1]", "dns.propagated")
                .withProperty("cutover.plan.rds.instance-id", "clearmyrecord-prod"));

        assertThatThrownBy(() -> confirmations.ensureConfirmedBeforeStarting("day-1"))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("A live run starts no phase (day-1)")
                .hasMessageContaining("rds.instance-id = clearmyrecord-prod, dns.propagated")
                .hasMessageContaining("cutover.allow-unconfirmed=true");
    }

    @Test
    void aLiveRunStartsPhasesOnceNothingIsLeftToConfirm() {
        PlanConfirmations confirmations = new PlanConfirmations(live());

        assertThatCode(() -> confirmations.ensureConfirmedBeforeStarting("day-1")).doesNotThrowAnyException();
        assertThat(confirmations.unconfirmed()).isEmpty();
    }

    @Test
    void allowUnconfirmedLetsALiveRunStartAndSaysSoAtStart(CapturedOutput output) {
        PlanConfirmations confirmations = new PlanConfirmations(live()
                .withProperty("cutover.plan.confirm[0]", "rds.instance-id")
                .withProperty("cutover.allow-unconfirmed", "true"));

        confirmations.listAtStart();

        assertThatCode(() -> confirmations.ensureConfirmedBeforeStarting("day-0")).doesNotThrowAnyException();
        assertThat(output.getOut()).contains("the plan has 1 values to confirm against the real accounts before a live"
                + " run (cutover.allow-unconfirmed=true: phases start anyway): rds.instance-id");
    }

    @Test
    void aRehearsalListsThemButStarts(CapturedOutput output) {
        MockEnvironment rehearsal = new MockEnvironment().withProperty("cutover.plan.confirm[0]", "buckets.media");
        rehearsal.setActiveProfiles("rehearsal");
        PlanConfirmations confirmations = new PlanConfirmations(rehearsal);

        confirmations.listAtStart();

        assertThatCode(() -> confirmations.ensureConfirmedBeforeStarting("day-0")).doesNotThrowAnyException();
        assertThat(output.getOut()).contains("the plan has 1 values to confirm before a live run: buckets.media");
    }

    private static MockEnvironment live() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("live");
        return environment;
    }
}
