package dev.cutover.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.exception.TwilioException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumber;
import com.twilio.rest.api.v2010.account.IncomingPhoneNumberUpdater;
import com.twilio.type.PhoneNumber;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.twilio.EndpointMove.Changes;
import dev.cutover.twilio.EndpointMove.NumberSetup;
import java.net.URI;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;

/**
 * {@link TwilioPort} on twilio-java, with the client it is given (never the SDK's static
 * {@code Twilio.init} global). Twilio's refusals (4xx: credentials, an unknown account or number,
 * a rejected URL) become {@link StepFailedException}s; no answer, 429 or 5xx become
 * {@link IllegalStateException}s, which the engine retries.
 */
class TwilioAdapter implements TwilioPort {

    private final TwilioRestClient twilio;

    TwilioAdapter(TwilioRestClient twilio) {
        this.twilio = twilio;
    }

    @Override
    public Ensured<EndpointChange> moveNumberEndpoints(String phoneNumber, String fromBaseUrl, String toBaseUrl) {
        NumberSetup number = setupOf(find(phoneNumber));
        return EndpointMove.ensureMoved(number, fromBaseUrl, toBaseUrl, changes -> update(number, changes));
    }

    @Override
    public PhoneEndpoints numberEndpoints(String phoneNumber) {
        NumberSetup number = setupOf(find(phoneNumber));
        EndpointMove.warnAboutOverrides(number);
        return number.endpoints();
    }

    private IncomingPhoneNumber find(String phoneNumber) {
        // PhoneNumber filters by pattern, so a longer number may come back too: keep the exact one
        List<IncomingPhoneNumber> found = call("look up number " + phoneNumber, () -> StreamSupport.stream(
                        IncomingPhoneNumber.reader().setPhoneNumber(new PhoneNumber(phoneNumber)).read(twilio)
                                .spliterator(), false)
                .filter(number -> number.getPhoneNumber() != null
                        && phoneNumber.equals(number.getPhoneNumber().toString()))
                .toList());
        if (found.isEmpty()) {
            throw new StepFailedException("Twilio account " + twilio.getAccountSid() + " has no incoming phone number "
                    + phoneNumber + ": check the plan's twilio.phone-number, and that cutover.twilio.account-sid"
                    + " is the account that owns the number");
        }
        return found.get(0);
    }

    private PhoneEndpoints update(NumberSetup number, Changes changes) {
        IncomingPhoneNumberUpdater updater = IncomingPhoneNumber.updater(number.sid());
        if (changes.voiceUrl() != null) {
            updater.setVoiceUrl(changes.voiceUrl()).setVoiceMethod(HttpMethod.POST);
        }
        if (changes.smsUrl() != null) {
            updater.setSmsUrl(changes.smsUrl()).setSmsMethod(HttpMethod.POST);
        }
        if (changes.statusCallback() != null) {
            updater.setStatusCallback(changes.statusCallback()).setStatusCallbackMethod(HttpMethod.POST);
        }
        IncomingPhoneNumber updated = call("update number " + number.phoneNumber() + " (" + number.sid() + ")",
                () -> updater.update(twilio));
        return endpointsOf(updated);
    }

    private static NumberSetup setupOf(IncomingPhoneNumber number) {
        return new NumberSetup(number.getPhoneNumber().toString(), number.getSid(), endpointsOf(number),
                blankToNull(number.getVoiceApplicationSid()), blankToNull(number.getSmsApplicationSid()),
                blankToNull(number.getTrunkSid()),
                url(number.getVoiceFallbackUrl()), url(number.getSmsFallbackUrl()));
    }

    private static PhoneEndpoints endpointsOf(IncomingPhoneNumber number) {
        return new PhoneEndpoints(url(number.getVoiceUrl()), url(number.getSmsUrl()), url(number.getStatusCallback()));
    }

    /** Twilio answers an unset URL as {@code ""} or {@code null}; both mean none. */
    private static String url(URI uri) {
        return uri == null ? null : blankToNull(uri.toString());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (ApiException e) {
            Integer status = e.getStatusCode();
            if (status != null && status >= 400 && status < 500 && status != 429) {
                throw new StepFailedException("Twilio refused to " + what + " in account " + twilio.getAccountSid()
                        + ": HTTP " + status + ", error " + e.getCode() + ": " + e.getMessage()
                        + (status == 401 ? " (check the account SID and the API key or auth token Cutover is given)" : ""),
                        e);
            }
            throw new IllegalStateException("Twilio failed to " + what + ": "
                    + (status == null ? "" : "HTTP " + status + ", ") + e.getMessage(), e);
        } catch (ApiConnectionException e) {
            throw new IllegalStateException("Twilio could not be reached to " + what + ": " + e.getMessage(), e);
        } catch (TwilioException e) {
            throw new IllegalStateException("Twilio failed to " + what + ": " + e.getMessage(), e);
        }
    }
}
