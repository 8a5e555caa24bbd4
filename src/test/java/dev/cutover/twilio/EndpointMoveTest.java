package dev.cutover.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.twilio.EndpointMove.Changes;
import dev.cutover.twilio.EndpointMove.NumberSetup;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointMoveTest {

    private static final String HEROKU = "https://clearmyrecord.codeforamerica.org";
    private static final String LAMBDA = "https://www.clearmyrecord.org";

    @Test
    void aUrlUnderTheOldBase_movesWithItsPathAndQuery() {
        assertThat(EndpointMove.movedUrl(HEROKU + "/voice/incoming?lang=es&step=2", HEROKU, LAMBDA))
                .isEqualTo(LAMBDA + "/voice/incoming?lang=es&step=2");
    }

    @Test
    void baseUrlsMeanTheSame_withOrWithoutATrailingSlash() {
        List<String> moved = new ArrayList<>();
        for (String from : List.of(HEROKU, HEROKU + "/")) {
            for (String to : List.of(LAMBDA, LAMBDA + "/")) {
                moved.add(EndpointMove.movedUrl(HEROKU + "/sms/", from, to));
            }
        }

        assertThat(moved).containsOnly(LAMBDA + "/sms/");
    }

    @Test
    void theBaseItself_movesToTheNewBase_keepingItsOwnTrailingSlash() {
        assertThat(EndpointMove.movedUrl(HEROKU, HEROKU + "/", LAMBDA)).isEqualTo(LAMBDA);
        assertThat(EndpointMove.movedUrl(HEROKU + "/", HEROKU, LAMBDA + "/")).isEqualTo(LAMBDA + "/");
    }

    @Test
    void aUrlOnAnotherHost_isLeftAlone_evenWhenItsTextStartsWithTheBase() {
        assertThat(EndpointMove.movedUrl("https://hooks.zapier.com/hooks/catch/1/a/", HEROKU, LAMBDA))
                .isEqualTo("https://hooks.zapier.com/hooks/catch/1/a/");
        assertThat(EndpointMove.movedUrl(HEROKU + ".evil.example/voice/", HEROKU, LAMBDA))
                .isEqualTo(HEROKU + ".evil.example/voice/");
        assertThat(EndpointMove.movedUrl(HEROKU + ":8443/voice/", HEROKU, LAMBDA)).isEqualTo(HEROKU + ":8443/voice/");
        assertThat(EndpointMove.movedUrl("http://clearmyrecord.codeforamerica.org/voice/", HEROKU, LAMBDA))
                .isEqualTo("http://clearmyrecord.codeforamerica.org/voice/");
    }

    @Test
    void aBaseWithAPath_movesOnlyUrlsBelowThatPath() {
        String from = HEROKU + "/twilio";

        assertThat(EndpointMove.movedUrl(HEROKU + "/twilio/status/", from, LAMBDA + "/hooks"))
                .isEqualTo(LAMBDA + "/hooks/status/");
        assertThat(EndpointMove.movedUrl(HEROKU + "/twilio-old/status/", from, LAMBDA + "/hooks"))
                .isEqualTo(HEROKU + "/twilio-old/status/");
    }

    @Test
    void hostCaseAndTheDefaultPort_doNotKeepAUrlFromMoving() {
        assertThat(EndpointMove.movedUrl("HTTPS://ClearMyRecord.CodeForAmerica.org:443/voice/", HEROKU, LAMBDA))
                .isEqualTo(LAMBDA + "/voice/");
    }

    @Test
    void anUnsetUrl_staysUnset() {
        assertThat(EndpointMove.movedUrl(null, HEROKU, LAMBDA)).isNull();
        assertThat(EndpointMove.movedUrl("", HEROKU, LAMBDA)).isEmpty();
    }

    @Test
    void aBaseUrlWithAQuery_isRejected() {
        assertThatThrownBy(() -> EndpointMove.movedUrl(HEROKU + "/voice/", HEROKU + "/?x=1", LAMBDA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a base URL");
    }

    @Test
    void ensureMoved_updatesOnlyTheEndpointsThatMove() {
        List<Changes> updates = new ArrayList<>();
        NumberSetup number = number(new PhoneEndpoints(HEROKU + "/voice/", LAMBDA + "/sms/", null), null, null);

        Ensured<EndpointChange> moved = EndpointMove.ensureMoved(number, HEROKU, LAMBDA, changes -> {
            updates.add(changes);
            return new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", null);
        });

        assertThat(updates).containsExactly(new Changes(LAMBDA + "/voice/", null, null));
        assertThat(moved.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(moved.value().before()).isEqualTo(number.endpoints());
        assertThat(moved.value().after()).isEqualTo(new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", null));
    }

    @Test
    void ensureMoved_isAlreadyDone_whenNothingIsUnderTheOldBase() {
        PhoneEndpoints elsewhere = new PhoneEndpoints("https://hooks.zapier.com/v/", null, null);

        Ensured<EndpointChange> moved = EndpointMove.ensureMoved(number(elsewhere, null, null), HEROKU, LAMBDA,
                changes -> {
                    throw new AssertionError("nothing should be updated");
                });

        assertThat(moved.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(moved.value().after()).isEqualTo(moved.value().before()).isEqualTo(elsewhere);
    }

    @Test
    void ensureMoved_refuses_whenATrunkTakesTheCallsWhoseUrlWouldMove() {
        NumberSetup onTrunk = number(new PhoneEndpoints(HEROKU + "/voice/", null, null), null,
                "TK0f1e2d3c4b5a69788796a5b4c3d2e1f0");

        assertThatThrownBy(() -> EndpointMove.ensureMoved(onTrunk, HEROKU, LAMBDA, changes -> {
            throw new AssertionError("nothing should be updated");
        }))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("VoiceUrl is overridden by TrunkSid TK0f1e2d3c4b5a69788796a5b4c3d2e1f0")
                .hasMessageContaining("An operator must decide");
    }

    private static NumberSetup number(PhoneEndpoints endpoints, String smsApplicationSid, String trunkSid) {
        return new NumberSetup("+14155550100", "PN5d0c8a4f2e6b1d3c7a9e0f2b4d6c8e1a", endpoints, null,
                smsApplicationSid, trunkSid, null, null);
    }
}
