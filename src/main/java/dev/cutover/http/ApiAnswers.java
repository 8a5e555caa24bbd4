package dev.cutover.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/** How an adapter quotes a service's answer in a message: its status, and its own words, short and on one line. */
public final class ApiAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiAnswers() {}

    /**
     * The status, then the service's own words: the first non-blank text at one of
     * {@code jsonPointers} (such as {@code /message}) in a JSON body, else the whole body; folded
     * to one line and cut to {@code max} characters. Only the status when the body is blank.
     */
    public static String said(HttpStatusCode status, String body, int max, String... jsonPointers) {
        String text = body.strip();
        if (jsonPointers.length > 0) {
            text = messageIn(text, jsonPointers);
        }
        text = excerpt(text, max);
        return text.isEmpty() ? statusOf(status) : statusOf(status) + ": " + text;
    }

    /** {@code 404 Not Found}; only the number for a status without a known reason phrase. */
    public static String statusOf(HttpStatusCode status) {
        HttpStatus known = HttpStatus.resolve(status.value());
        return known == null ? String.valueOf(status.value()) : known.value() + " " + known.getReasonPhrase();
    }

    /** {@code text} with every run of whitespace folded to one space, cut to {@code max} characters and an ellipsis. */
    public static String excerpt(String text, int max) {
        String folded = text.replaceAll("\\s+", " ");
        return folded.length() > max ? folded.substring(0, max) + "…" : folded;
    }

    private static String messageIn(String text, String... jsonPointers) {
        try {
            JsonNode json = JSON.readTree(text);
            for (String pointer : jsonPointers) {
                JsonNode message = json.at(pointer);
                if (message.isTextual() && !message.asText().isBlank()) {
                    return message.asText().strip();
                }
            }
        } catch (IOException notJson) {
            // keep the text as it came
        }
        return text;
    }
}
