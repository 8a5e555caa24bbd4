package dev.cutover.twilio;

import static dev.cutover.twilio.TwilioJson.ACCOUNT_SID;
import static dev.cutover.twilio.TwilioJson.PHONE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.http.Request;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LiveTwilioTest {

    private static final String KEY_SID = "SK9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    private static final String KEY_SECRET = "k3yS3cr3tF0rCut0v3rT3sts0nly00000";
    private static final String AUTH_TOKEN = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private final FakeTwilioHttpClient twilio = new FakeTwilioHttpClient()
            .withNumber(TwilioJson.number(PHONE_NUMBER, "https://a.example/voice/", "", ""));

    @Test
    void anApiKey_authenticatesAsTheKey_inTheGivenAccount() {
        Request sent = firstRequestWith(KEY_SID, KEY_SECRET, AUTH_TOKEN);

        assertThat(sent.getAuthString()).isEqualTo(basic(KEY_SID, KEY_SECRET));
        assertThat(sent.getUrl()).contains("/Accounts/" + ACCOUNT_SID + "/");
    }

    @Test
    void withoutAnApiKey_theAuthTokenAuthenticatesAsTheAccount() {
        Request sent = firstRequestWith("", "", AUTH_TOKEN);

        assertThat(sent.getAuthString()).isEqualTo(basic(ACCOUNT_SID, AUTH_TOKEN));
    }

    @Test
    void refusesToStart_withNeitherAnApiKeySecretNorAnAuthToken() {
        assertThatThrownBy(() -> LiveTwilio.restClient(ACCOUNT_SID, KEY_SID, "", ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_TWILIO_API_KEY_SECRET")
                .hasMessageContaining("CUTOVER_TWILIO_AUTH_TOKEN");
    }

    @Test
    void refusesToStart_withoutAnAccountSid() {
        assertThatThrownBy(() -> LiveTwilio.restClient("", "", "", AUTH_TOKEN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_TWILIO_ACCOUNT_SID")
                .hasMessageNotContaining(AUTH_TOKEN);
    }

    @Test
    void refusesToStart_withAKeySecretButNoKeySid_withoutShowingTheSecret() {
        assertThatThrownBy(() -> LiveTwilio.restClient(ACCOUNT_SID, "", KEY_SECRET, ""))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CUTOVER_TWILIO_API_KEY_SID")
                .hasMessageNotContaining(KEY_SECRET);
    }

    private Request firstRequestWith(String keySid, String keySecret, String authToken) {
        TwilioAdapter adapter = new TwilioAdapter(
                LiveTwilio.restClient(ACCOUNT_SID, keySid, keySecret, authToken).httpClient(twilio).build());
        adapter.numberEndpoints(PHONE_NUMBER);
        return twilio.requests.get(0);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.US_ASCII));
    }
}
