package dev.cutover.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cutover.twilio.TwilioJson.ACCOUNT_SID;
import static dev.cutover.twilio.TwilioJson.NUMBERS_PATH;
import static dev.cutover.twilio.TwilioJson.NUMBER_PATH;
import static dev.cutover.twilio.TwilioJson.NUMBER_SID;
import static dev.cutover.twilio.TwilioJson.PHONE_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TwilioAdapterTest {

    private static final String KEY_SID = "SK9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d";
    private static final String KEY_SECRET = "k3yS3cr3tF0rCut0v3rT3sts0nly00000";
    private static final String BASIC_AUTH = "Basic " + Base64.getEncoder()
            .encodeToString((KEY_SID + ":" + KEY_SECRET).getBytes(StandardCharsets.US_ASCII));
    private static final String HEROKU = "https://clearmyrecord.codeforamerica.org";
    private static final String LAMBDA = "https://www.clearmyrecord.org";
    private static final String API = "https://api.twilio.com";

    @RegisterExtension
    static WireMockExtension wire = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final FakeTwilioHttpClient twilio = new FakeTwilioHttpClient();
    private final TwilioAdapter adapter = new TwilioAdapter(clientOn(twilio));

    @Test
    void aWebhookUrlWithCredentials_movesKeepingThem_andMovesBackKeepingThem() {
        String withCredentials = "https://twilio-hook:Wh00kP4ss@clearmyrecord.codeforamerica.org";
        ObjectNode number = numberOnHeroku();
        number.put("voice_url", withCredentials + "/voice/");
        twilio.withNumber(number);

        Ensured<EndpointChange> moved = adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA);
        Ensured<EndpointChange> back = adapter.moveNumberEndpoints(PHONE_NUMBER, LAMBDA, HEROKU);

        String lambdaWithCredentials = "https://twilio-hook:Wh00kP4ss@www.clearmyrecord.org";
        assertThat(twilio.posts()).hasSize(2);
        assertThat(twilio.posts().get(0).getPostParams().get("VoiceUrl"))
                .containsExactly(lambdaWithCredentials + "/voice/");
        assertThat(twilio.posts().get(1).getPostParams().get("VoiceUrl")).containsExactly(withCredentials + "/voice/");
        assertThat(moved.value().after().voiceUrl()).isEqualTo(lambdaWithCredentials + "/voice/");
        assertThat(back.value().after().voiceUrl()).isEqualTo(withCredentials + "/voice/");
        assertThat(back.value().redacted().after().voiceUrl())
                .isEqualTo("https://•••@clearmyrecord.codeforamerica.org/voice/");
        assertThat(back.value().redacted().toString()).doesNotContain("Wh00kP4ss", "twilio-hook");
    }

    @Test
    void moveNumberEndpoints_findsTheNumberByPhoneNumber_andPostsItsMovedUrls() {
        twilio.withNumber(numberOnHeroku());

        Ensured<EndpointChange> moved = adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA);

        assertThat(moved.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(moved.value()).isEqualTo(new EndpointChange(PHONE_NUMBER, NUMBER_SID,
                new PhoneEndpoints(HEROKU + "/voice/", HEROKU + "/sms/", HEROKU + "/twilio/status/"),
                new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", LAMBDA + "/twilio/status/")));
        assertThat(twilio.requests).hasSize(2);
        Request find = twilio.requests.get(0);
        assertThat(find.getMethod()).isEqualTo(HttpMethod.GET);
        assertThat(find.getUrl()).isEqualTo(API + NUMBERS_PATH);
        assertThat(find.getQueryParams()).isEqualTo(Map.of("PhoneNumber", List.of(PHONE_NUMBER)));
        assertThat(find.constructURL()).hasToString(API + NUMBERS_PATH + "?PhoneNumber=%2B14155550100");
        assertThat(find.getAuthString()).isEqualTo(BASIC_AUTH);
        Request update = twilio.requests.get(1);
        assertThat(update.getMethod()).isEqualTo(HttpMethod.POST);
        assertThat(update.getUrl()).isEqualTo(API + NUMBER_PATH);
        assertThat(update.getPostParams()).isEqualTo(Map.of(
                "VoiceUrl", List.of(LAMBDA + "/voice/"), "VoiceMethod", List.of("POST"),
                "SmsUrl", List.of(LAMBDA + "/sms/"), "SmsMethod", List.of("POST"),
                "StatusCallback", List.of(LAMBDA + "/twilio/status/"), "StatusCallbackMethod", List.of("POST")));
        assertThat(update.getAuthString()).isEqualTo(BASIC_AUTH);
    }

    @Test
    void moveNumberEndpoints_postsOnlyTheUrlsUnderTheOldBase_keepingTheirPathAndQuery() {
        ObjectNode number = numberOnHeroku();
        number.put("voice_url", HEROKU + "/voice/incoming?lang=es");
        number.put("sms_url", "https://hooks.zapier.com/hooks/catch/123/abc/");
        twilio.withNumber(number);

        Ensured<EndpointChange> moved = adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU + "/", LAMBDA);

        assertThat(moved.value().after()).isEqualTo(new PhoneEndpoints(LAMBDA + "/voice/incoming?lang=es",
                "https://hooks.zapier.com/hooks/catch/123/abc/", LAMBDA + "/twilio/status/"));
        assertThat(twilio.posts()).singleElement().satisfies(update -> assertThat(update.getPostParams())
                .isEqualTo(Map.of(
                        "VoiceUrl", List.of(LAMBDA + "/voice/incoming?lang=es"), "VoiceMethod", List.of("POST"),
                        "StatusCallback", List.of(LAMBDA + "/twilio/status/"),
                        "StatusCallbackMethod", List.of("POST"))));
    }

    @Test
    void moveNumberEndpoints_isAlreadyDone_whenTheUrlsAreUnderTheNewBase_andPostsNothing() {
        twilio.withNumber(TwilioJson.number(PHONE_NUMBER, LAMBDA + "/voice/", LAMBDA + "/sms/",
                LAMBDA + "/twilio/status/"));

        Ensured<EndpointChange> moved = adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA);

        assertThat(moved.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        PhoneEndpoints onLambda = new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", LAMBDA + "/twilio/status/");
        assertThat(moved.value()).isEqualTo(new EndpointChange(PHONE_NUMBER, NUMBER_SID, onLambda, onLambda));
        assertThat(twilio.posts()).isEmpty();
    }

    @Test
    void moveNumberEndpoints_pointsBackToHeroku_withTheBaseUrlsSwapped() {
        twilio.withNumber(TwilioJson.number(PHONE_NUMBER, LAMBDA + "/voice/", LAMBDA + "/sms/",
                LAMBDA + "/twilio/status/"));

        Ensured<EndpointChange> back = adapter.moveNumberEndpoints(PHONE_NUMBER, LAMBDA, HEROKU);

        assertThat(back.changed()).isTrue();
        assertThat(adapter.numberEndpoints(PHONE_NUMBER))
                .isEqualTo(new PhoneEndpoints(HEROKU + "/voice/", HEROKU + "/sms/", HEROKU + "/twilio/status/"));
    }

    @Test
    void moveNumberEndpoints_failsNamingTheNumberAndAccount_whenTheAccountHasNoSuchNumber() {
        assertThatThrownBy(() -> adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Twilio account " + ACCOUNT_SID + " has no incoming phone number +14155550100")
                .hasMessageContaining("cutover.twilio.account-sid");
        assertThat(twilio.posts()).isEmpty();
    }

    @Test
    void moveNumberEndpoints_ignoresANumberThatOnlyMatchesThePhoneNumberPattern() {
        twilio.withNumber(TwilioJson.number("+141555501007", HEROKU + "/voice/", HEROKU + "/sms/", ""));

        assertThatThrownBy(() -> adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("has no incoming phone number +14155550100");
        assertThat(twilio.posts()).isEmpty();
    }

    @Test
    void moveNumberEndpoints_refusesAndChangesNothing_whenAVoiceApplicationOverridesTheUrls() {
        ObjectNode number = numberOnHeroku();
        number.put("voice_application_sid", "AP2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e0b");
        twilio.withNumber(number);

        assertThatThrownBy(() -> adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Twilio number +14155550100 (" + NUMBER_SID + ")")
                .hasMessageContaining("VoiceUrl is overridden by VoiceApplicationSid AP2b4d6f8a0c1e3a5c7e9b1d3f5a7c9e0b")
                .hasMessageContaining("StatusCallback is overridden by VoiceApplicationSid")
                .hasMessageNotContaining("SmsUrl is overridden")
                .hasMessageContaining("nothing was changed")
                .hasMessageContaining("An operator must decide");
        assertThat(twilio.posts()).isEmpty();
    }

    @Test
    void moveNumberEndpoints_goesAhead_whenTheOverriddenUrlIsNotOneThatMoves() {
        ObjectNode number = numberOnHeroku();
        number.put("sms_url", LAMBDA + "/sms/");
        number.put("sms_application_sid", "AP7e5c3a1f9d7b5e3c1a9f7d5b3e1c9a7f");
        twilio.withNumber(number);

        Ensured<EndpointChange> moved = adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA);

        assertThat(moved.changed()).isTrue();
        assertThat(twilio.posts()).singleElement().satisfies(update ->
                assertThat(update.getPostParams()).containsOnlyKeys(
                        "VoiceUrl", "VoiceMethod", "StatusCallback", "StatusCallbackMethod"));
    }

    @Test
    void numberEndpoints_readsTheThreeUrls_anUnsetOneAsNull() {
        twilio.withNumber(TwilioJson.number(PHONE_NUMBER, HEROKU + "/voice/", "", HEROKU + "/twilio/status/"));

        PhoneEndpoints endpoints = adapter.numberEndpoints(PHONE_NUMBER);

        assertThat(endpoints).isEqualTo(new PhoneEndpoints(HEROKU + "/voice/", null, HEROKU + "/twilio/status/"));
        assertThat(twilio.requests).singleElement().extracting(Request::getMethod).isEqualTo(HttpMethod.GET);
    }

    @Test
    void aRefusalFromTwilio_failsTheStep_withTwilioErrorAndNoSecret() {
        twilio.answeringNext(401, TwilioJson.error(401, 20003, "Authenticate"));

        assertThatThrownBy(() -> adapter.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Twilio refused to look up number +14155550100 in account " + ACCOUNT_SID)
                .hasMessageContaining("HTTP 401, error 20003: Authenticate")
                .hasMessageNotContaining(KEY_SECRET);
    }

    @Test
    void aTwilioThatKeepsFailing_isATransientError_forTheEngineToRetry() {
        twilio.withNumber(numberOnHeroku());
        HttpClient unavailable = new HttpClient() {
            @Override
            public Response makeRequest(Request request) {
                return new Response(TwilioJson.error(503, 20500, "Service Unavailable"), 503);
            }
        };
        TwilioAdapter down = new TwilioAdapter(clientOn(unavailable));

        assertThatThrownBy(() -> down.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContaining("Twilio failed to look up number +14155550100: HTTP 503");
    }

    @Test
    void onTheWire_theSdkSendsTheLookupAndTheFormEncodedUpdate_withBasicAuth() {
        wire.stubFor(get(urlPathEqualTo(NUMBERS_PATH)).withQueryParam("PhoneNumber", equalTo(PHONE_NUMBER))
                .willReturn(okJson(TwilioJson.numbers(PHONE_NUMBER, numberOnHeroku()))));
        wire.stubFor(post(urlPathEqualTo(NUMBER_PATH)).willReturn(okJson(TwilioJson.number(PHONE_NUMBER,
                LAMBDA + "/voice/", LAMBDA + "/sms/", LAMBDA + "/twilio/status/").toString())));
        TwilioAdapter onTheWire = new TwilioAdapter(clientOn(new ToWireMock("http://127.0.0.1:" + wire.getPort())));

        Ensured<EndpointChange> moved = onTheWire.moveNumberEndpoints(PHONE_NUMBER, HEROKU, LAMBDA);

        assertThat(moved.value().after())
                .isEqualTo(new PhoneEndpoints(LAMBDA + "/voice/", LAMBDA + "/sms/", LAMBDA + "/twilio/status/"));
        BasicCredentials apiKey = new BasicCredentials(KEY_SID, KEY_SECRET);
        wire.verify(getRequestedFor(urlPathEqualTo(NUMBERS_PATH))
                .withQueryParam("PhoneNumber", equalTo(PHONE_NUMBER))
                .withBasicAuth(apiKey));
        wire.verify(postRequestedFor(urlPathEqualTo(NUMBER_PATH))
                .withBasicAuth(apiKey)
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withFormParam("VoiceUrl", equalTo(LAMBDA + "/voice/"))
                .withFormParam("VoiceMethod", equalTo("POST"))
                .withFormParam("SmsUrl", equalTo(LAMBDA + "/sms/"))
                .withFormParam("SmsMethod", equalTo("POST"))
                .withFormParam("StatusCallback", equalTo(LAMBDA + "/twilio/status/"))
                .withFormParam("StatusCallbackMethod", equalTo("POST")));
    }

    private static ObjectNode numberOnHeroku() {
        return TwilioJson.number(PHONE_NUMBER, HEROKU + "/voice/", HEROKU + "/sms/", HEROKU + "/twilio/status/");
    }

    private static TwilioRestClient clientOn(HttpClient httpClient) {
        return new TwilioRestClient.Builder(KEY_SID, KEY_SECRET).accountSid(ACCOUNT_SID).httpClient(httpClient).build();
    }

    /** The SDK's own network client, sent to WireMock instead of api.twilio.com (the SDK has no base-URL option). */
    private static class ToWireMock extends HttpClient {

        private final NetworkHttpClient network = new NetworkHttpClient();
        private final String baseUrl;

        ToWireMock(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        @Override
        public Response makeRequest(Request request) {
            if (!request.getUrl().startsWith(API + "/")) {
                throw new AssertionError("the SDK called " + request.getUrl());
            }
            Request local = new Request(request.getMethod(), baseUrl + request.getUrl().substring(API.length()));
            request.getQueryParams().forEach((name, values) -> values.forEach(value -> local.addQueryParam(name, value)));
            request.getPostParams().forEach((name, values) -> values.forEach(value -> local.addPostParam(name, value)));
            request.getHeaderParams().forEach((name, values) -> values.forEach(value -> local.addHeaderParam(name, value)));
            local.setContentType(request.getContentType());
            local.setAuth(request.getUsername(), request.getPassword());
            return network.makeRequest(local);
        }
    }
}
