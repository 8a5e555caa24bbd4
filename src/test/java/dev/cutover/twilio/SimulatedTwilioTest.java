package dev.cutover.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.CutoverEngineTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedTwilioTest {

    private static final String LAMBDA = "https://www.clearmyrecord.org";

    @Autowired TwilioPort twilio;
    @Autowired SimulatedTwilio simulated;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;

    private String number;
    private String heroku;

    @BeforeEach
    void freshWorld() {
        world.reset();
        number = plan.twilio().phoneNumber();
        heroku = plan.heroku().baseUrl().toString();
    }

    @Test
    void thePlansNumber_pointsAtHeroku_asTheRunbookFindsIt() {
        PhoneEndpoints endpoints = twilio.numberEndpoints(number);

        assertThat(endpoints).isEqualTo(onHeroku());
        assertThat(view()).singleElement().satisfies(shown -> {
            assertThat(shown.get("sid").toString()).matches("PN[0-9a-f]{32}");
            assertThat(shown).containsEntry("voiceUrl", heroku + "/voice/")
                    .containsEntry("smsUrl", heroku + "/sms/")
                    .containsEntry("statusCallback", heroku + "/twilio/status/");
        });
    }

    @Test
    void movingTheEndpoints_pointsTheNumberAtLambda_andASecondMoveIsAlreadyDone() {
        Ensured<EndpointChange> moved = twilio.moveNumberEndpoints(number, heroku, LAMBDA + "/");
        Ensured<EndpointChange> again = twilio.moveNumberEndpoints(number, heroku, LAMBDA);

        assertThat(moved.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(moved.value().before()).isEqualTo(onHeroku());
        assertThat(moved.value().after()).isEqualTo(onLambda());
        assertThat(moved.value().numberSid()).matches("PN[0-9a-f]{32}");
        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value().after()).isEqualTo(again.value().before()).isEqualTo(onLambda());
        assertThat(view()).singleElement().satisfies(shown ->
                assertThat(shown).containsEntry("voiceUrl", LAMBDA + "/voice/").containsKey("dateUpdated"));
    }

    @Test
    void pointingBackToHeroku_restoresWhatTheMoveFound() {
        EndpointChange moved = twilio.moveNumberEndpoints(number, heroku, LAMBDA).value();

        Ensured<EndpointChange> back = twilio.moveNumberEndpoints(number, LAMBDA, heroku);

        assertThat(back.changed()).isTrue();
        assertThat(twilio.numberEndpoints(number)).isEqualTo(moved.before());
    }

    @Test
    void armedTwice_twilioFailsTwiceThenWorks() {
        faults.arm("twilio.outage", 2);

        assertThatThrownBy(() -> twilio.moveNumberEndpoints(number, heroku, LAMBDA)).isInstanceOf(SimulatedOutage.class);
        assertThatThrownBy(() -> twilio.moveNumberEndpoints(number, heroku, LAMBDA)).isInstanceOf(SimulatedOutage.class);
        Ensured<EndpointChange> third = twilio.moveNumberEndpoints(number, heroku, LAMBDA);

        assertThat(third.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(twilio.numberEndpoints(number)).isEqualTo(onLambda());
        assertThat(faults.view()).isEqualTo(Map.of());
    }

    @Test
    void anOutage_failsTheNextCallOnly_andChangesNothing() {
        faults.arm("twilio.outage", 1);

        assertThatThrownBy(() -> twilio.moveNumberEndpoints(number, heroku, LAMBDA))
                .isInstanceOf(SimulatedOutage.class)
                .hasMessageContaining("503");
        assertThat(twilio.numberEndpoints(number)).isEqualTo(onHeroku());
    }

    @Test
    void aNumberTheAccountDoesNotHave_failsTheStep() {
        assertThatThrownBy(() -> twilio.moveNumberEndpoints("+14155550199", heroku, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("no incoming phone number +14155550199");
    }

    private PhoneEndpoints onHeroku() {
        return new PhoneEndpoints(heroku + "/voice/", heroku + "/sms/", heroku + "/twilio/status/");
    }

    private static PhoneEndpoints onLambda() {
        return new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", LAMBDA + "/twilio/status/");
    }

    @SuppressWarnings("unchecked")
    private Iterable<Map<String, Object>> view() {
        Map<String, Object> numbers = (Map<String, Object>) ((Map<String, Object>) simulated.view())
                .get("incomingPhoneNumbers");
        assertThat(numbers).containsOnlyKeys(number);
        return numbers.values().stream().map(shown -> (Map<String, Object>) shown).toList();
    }
}
