package dev.cutover.twilio;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Twilio's API for one account, behind the SDK's {@link HttpClient} seam: it records every request
 * the real SDK builds and answers as Twilio does (the phone-number filter matches by pattern, an
 * update answers the number as it is afterwards).
 */
class FakeTwilioHttpClient extends HttpClient {

    private static final String API = "https://api.twilio.com";
    private static final Map<String, String> FORM_TO_JSON = Map.of(
            "VoiceUrl", "voice_url", "VoiceMethod", "voice_method",
            "SmsUrl", "sms_url", "SmsMethod", "sms_method",
            "StatusCallback", "status_callback", "StatusCallbackMethod", "status_callback_method");

    final List<Request> requests = new ArrayList<>();
    private final List<ObjectNode> numbers = new ArrayList<>();
    private Response nextAnswer;

    FakeTwilioHttpClient withNumber(ObjectNode number) {
        numbers.add(number);
        return this;
    }

    /** The next request gets this answer, whatever it asks. */
    FakeTwilioHttpClient answeringNext(int status, String body) {
        nextAnswer = new Response(body, status);
        return this;
    }

    List<Request> posts() {
        return requests.stream().filter(request -> request.getMethod() == HttpMethod.POST).toList();
    }

    @Override
    public Response makeRequest(Request request) {
        requests.add(request);
        if (nextAnswer != null) {
            Response answer = nextAnswer;
            nextAnswer = null;
            return answer;
        }
        String url = request.getUrl();
        if (request.getMethod() == HttpMethod.GET && url.equals(API + TwilioJson.NUMBERS_PATH)) {
            String pattern = request.getQueryParams().getOrDefault("PhoneNumber", List.of("")).get(0);
            return new Response(TwilioJson.numbers(pattern, numbers.stream()
                    .filter(number -> number.get("phone_number").asText().contains(pattern))
                    .toArray(ObjectNode[]::new)), 200);
        }
        for (ObjectNode number : numbers) {
            if (request.getMethod() == HttpMethod.POST && url.equals(API + number.get("uri").asText())) {
                request.getPostParams().forEach((name, values) -> number.put(jsonName(name), values.get(0)));
                number.put("date_updated", "Sat, 15 Nov 2025 09:30:00 +0000");
                return new Response(number.toString(), 200);
            }
        }
        return new Response(TwilioJson.error(404, 20404,
                "The requested resource " + url.substring(API.length()) + " was not found"), 404);
    }

    private static String jsonName(String formParameter) {
        String name = FORM_TO_JSON.get(formParameter);
        if (name == null) {
            throw new AssertionError("the adapter posted an unexpected parameter " + formParameter);
        }
        return name;
    }
}
