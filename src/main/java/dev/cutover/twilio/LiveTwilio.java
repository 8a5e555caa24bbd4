package dev.cutover.twilio;

import com.twilio.http.TwilioRestClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

@Configuration
@Profile("live")
class LiveTwilio {

    @Bean
    TwilioRestClient twilioRestClient(
            @Value("${cutover.twilio.account-sid:}") String accountSid,
            @Value("${cutover.twilio.api-key-sid:}") String apiKeySid,
            @Value("${cutover.twilio.api-key-secret:}") String apiKeySecret,
            @Value("${cutover.twilio.auth-token:}") String authToken) {
        return restClient(accountSid, apiKeySid, apiKeySecret, authToken).build();
    }

    @Bean
    TwilioPort twilio(TwilioRestClient twilioRestClient) {
        return new TwilioAdapter(twilioRestClient);
    }

    /** An API key when one is given (Twilio's advice for servers), else the account's auth token. */
    static TwilioRestClient.Builder restClient(String accountSid, String apiKeySid, String apiKeySecret,
            String authToken) {
        if (!accountSid.matches("AC[0-9a-fA-F]{32}")) {
            throw new IllegalStateException("Set CUTOVER_TWILIO_ACCOUNT_SID to the SID (AC…) of the Twilio account"
                    + " that owns the plan's phone number; a live run repoints the number's URLs in it");
        }
        if (!apiKeySecret.isBlank()) {
            if (!apiKeySid.matches("SK[0-9a-fA-F]{32}")) {
                throw new IllegalStateException("Set CUTOVER_TWILIO_API_KEY_SID to the SID (SK…) of the API key"
                        + " whose secret CUTOVER_TWILIO_API_KEY_SECRET holds");
            }
            return new TwilioRestClient.Builder(apiKeySid, apiKeySecret).accountSid(accountSid);
        }
        if (!authToken.isBlank()) {
            return new TwilioRestClient.Builder(accountSid, authToken).accountSid(accountSid);
        }
        throw new IllegalStateException("Set CUTOVER_TWILIO_API_KEY_SID and CUTOVER_TWILIO_API_KEY_SECRET (a standard"
                + " API key of account " + accountSid + "), or CUTOVER_TWILIO_AUTH_TOKEN: a live run repoints"
                + " the plan's phone number with it");
    }
}
