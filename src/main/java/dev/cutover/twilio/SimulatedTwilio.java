package dev.cutover.twilio;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.twilio.EndpointMove.Changes;
import dev.cutover.twilio.EndpointMove.NumberSetup;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;
import org.springframework.util.DigestUtils;

/**
 * Rehearsal twin of the Twilio account: the plan's number, its voice, SMS and status-callback URLs
 * pointing at Heroku as the runbook finds them, moved as the real adapter moves them. The fault
 * {@code twilio.outage} fails the next call as a 503 would.
 */
@Component
@Profile("rehearsal")
class SimulatedTwilio implements TwilioPort, WorldPart {

    static final String SYSTEM = "twilio";

    private final WorldStore world;
    private final Faults faults;
    private final Clock clock;
    private final String phoneNumber;
    private final String herokuBaseUrl;

    SimulatedTwilio(WorldStore world, Faults faults, Clock clock, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.phoneNumber = plan.twilio().phoneNumber();
        this.herokuBaseUrl = plan.heroku().baseUrl().toString();
    }

    @Override
    public Ensured<EndpointChange> moveNumberEndpoints(String phoneNumber, String fromBaseUrl, String toBaseUrl) {
        outage();
        Instant now = clock.instant();
        return world.change(SYSTEM, State.class, this::initial, state -> {
            NumberState number = existing(state, phoneNumber);
            return EndpointMove.ensureMoved(number.setup(phoneNumber), fromBaseUrl, toBaseUrl,
                    changes -> number.apply(changes, now));
        });
    }

    @Override
    public PhoneEndpoints numberEndpoints(String phoneNumber) {
        outage();
        NumberSetup number = existing(world.read(SYSTEM, State.class, this::initial), phoneNumber).setup(phoneNumber);
        EndpointMove.warnAboutOverrides(number);
        return number.endpoints();
    }

    private void outage() {
        faults.outage("twilio.outage", "Twilio answered 503 Service Unavailable");
    }

    private static NumberState existing(State state, String phoneNumber) {
        NumberState number = state.incomingPhoneNumbers.get(phoneNumber);
        if (number == null) {
            throw new StepFailedException("The Twilio account has no incoming phone number "
                    + phoneNumber + ": check the plan's twilio.phone-number, and that cutover.twilio.account-sid"
                    + " is the account that owns the number");
        }
        return number;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        Map<String, Object> numbers = new LinkedHashMap<>();
        state.incomingPhoneNumbers.forEach((phone, number) -> {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("sid", number.sid);
            shown.put("voiceUrl", number.voiceUrl);
            shown.put("smsUrl", number.smsUrl);
            shown.put("statusCallback", number.statusCallback);
            shown.put("dateUpdated", number.dateUpdated == null ? null : number.dateUpdated.toString());
            numbers.put(phone, shown);
        });
        return Map.of("incomingPhoneNumbers", numbers);
    }

    private State initial() {
        State state = new State();
        NumberState number = new NumberState();
        number.sid = "PN" + DigestUtils.md5DigestAsHex(phoneNumber.getBytes(StandardCharsets.UTF_8));
        number.voiceUrl = EndpointMove.under(herokuBaseUrl, "/voice/");
        number.smsUrl = EndpointMove.under(herokuBaseUrl, "/sms/");
        number.statusCallback = EndpointMove.under(herokuBaseUrl, "/twilio/status/");
        state.incomingPhoneNumbers.put(phoneNumber, number);
        return state;
    }

    static class State {
        Map<String, NumberState> incomingPhoneNumbers = new LinkedHashMap<>();
    }

    static class NumberState {
        String sid;
        String voiceUrl;
        String smsUrl;
        String statusCallback;
        String voiceApplicationSid;
        String smsApplicationSid;
        String trunkSid;
        Instant dateUpdated;

        NumberSetup setup(String phoneNumber) {
            return new NumberSetup(phoneNumber, sid, endpoints(), voiceApplicationSid, smsApplicationSid, trunkSid,
                    null, null);
        }

        PhoneEndpoints endpoints() {
            return new PhoneEndpoints(voiceUrl, smsUrl, statusCallback);
        }

        PhoneEndpoints apply(Changes changes, Instant now) {
            if (changes.voiceUrl() != null) {
                voiceUrl = changes.voiceUrl();
            }
            if (changes.smsUrl() != null) {
                smsUrl = changes.smsUrl();
            }
            if (changes.statusCallback() != null) {
                statusCallback = changes.statusCallback();
            }
            dateUpdated = now;
            return endpoints();
        }
    }
}
