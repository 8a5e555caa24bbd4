package dev.cutover.twilio;

import dev.cutover.step.Ensured;
import dev.cutover.step.Redaction;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moving a number's endpoints from one base URL to another, as the adapter and the rehearsal twin
 * both do it: only a URL under {@code fromBaseUrl} moves, keeping its path, query and fragment, and
 * the credentials a webhook URL may carry ({@code https://user:pass@host/…}, Twilio's HTTP basic
 * auth to the app); a base URL means the same with or without its trailing slash.
 */
final class EndpointMove {

    private static final Logger log = LoggerFactory.getLogger(EndpointMove.class);

    private EndpointMove() {
    }

    /** A number as Twilio holds it: its endpoints and what takes precedence over them. */
    record NumberSetup(String phoneNumber, String sid, PhoneEndpoints endpoints,
            String voiceApplicationSid, String smsApplicationSid, String trunkSid,
            String voiceFallbackUrl, String smsFallbackUrl) {}

    /** The endpoints to set; {@code null} leaves one as it is. */
    record Changes(String voiceUrl, String smsUrl, String statusCallback) {}

    /**
     * Moves the number's endpoints that lie under {@code fromBaseUrl} through {@code update} (which
     * answers the endpoints as they are afterwards), or reports that nothing had to move.
     * Refuses when an application or trunk SID overrides an endpoint that would move.
     */
    static Ensured<EndpointChange> ensureMoved(NumberSetup number, String fromBaseUrl, String toBaseUrl,
            Function<Changes, PhoneEndpoints> update) {
        requireBaseUrl(fromBaseUrl);
        requireBaseUrl(toBaseUrl);
        PhoneEndpoints before = number.endpoints();
        PhoneEndpoints moved = moved(before, fromBaseUrl, toBaseUrl);
        Changes changes = new Changes(
                changedOrNull(before.voiceUrl(), moved.voiceUrl()),
                changedOrNull(before.smsUrl(), moved.smsUrl()),
                changedOrNull(before.statusCallback(), moved.statusCallback()));
        warnAboutOverrides(number);
        warnAboutFallbacks(number, fromBaseUrl);
        if (changes.equals(new Changes(null, null, null))) {
            if (!pointsAnywhereUnder(before, toBaseUrl)) {
                log.warn("Twilio number {} ({}) has no endpoint under {} nor under {}; left as it is",
                        number.phoneNumber(), number.sid(), fromBaseUrl, toBaseUrl);
            }
            return Ensured.alreadyDone(new EndpointChange(number.phoneNumber(), number.sid(), before, before));
        }
        refuseOverridden(number, changes, fromBaseUrl, toBaseUrl);
        PhoneEndpoints after = update.apply(changes);
        return Ensured.changed(new EndpointChange(number.phoneNumber(), number.sid(), before, after));
    }

    static PhoneEndpoints moved(PhoneEndpoints endpoints, String fromBaseUrl, String toBaseUrl) {
        return new PhoneEndpoints(
                movedUrl(endpoints.voiceUrl(), fromBaseUrl, toBaseUrl),
                movedUrl(endpoints.smsUrl(), fromBaseUrl, toBaseUrl),
                movedUrl(endpoints.statusCallback(), fromBaseUrl, toBaseUrl));
    }

    /** The URL under {@code toBaseUrl} when it lies under {@code fromBaseUrl}; else the URL itself. */
    static String movedUrl(String url, String fromBaseUrl, String toBaseUrl) {
        return remainderUnder(url, fromBaseUrl)
                .map(rest -> withUserInfo(withoutTrailingSlash(toBaseUrl), userInfo(url)) + rest)
                .orElse(url);
    }

    /** The URL's raw user info ({@code user:pass}), or null. */
    private static String userInfo(String url) {
        try {
            return new URI(url.trim()).getRawUserInfo();
        } catch (URISyntaxException notAUrl) {
            return null;
        }
    }

    private static String withUserInfo(String baseUrl, String userInfo) {
        return userInfo == null ? baseUrl : baseUrl.replaceFirst("://", "://" + userInfo + "@");
    }

    static boolean isUnder(String url, String baseUrl) {
        return remainderUnder(url, baseUrl).isPresent();
    }

    /** {@code path} (starting with a slash) under the base URL, whether or not it ends in a slash. */
    static String under(String baseUrl, String path) {
        return withoutTrailingSlash(baseUrl) + path;
    }

    /** Logs what makes Twilio ignore the number's own URLs, so that an operator sees it. */
    static void warnAboutOverrides(NumberSetup number) {
        Map<String, List<String>> ignoredFields = new LinkedHashMap<>();
        overrides(number).forEach((field, override) ->
                ignoredFields.computeIfAbsent(override, ignored -> new ArrayList<>()).add(field));
        ignoredFields.forEach((override, fields) -> log.warn("Twilio number {} ({}): {} is set, so Twilio ignores its {}",
                number.phoneNumber(), number.sid(), override, String.join(" and ", fields)));
    }

    private static void warnAboutFallbacks(NumberSetup number, String fromBaseUrl) {
        if (isUnder(number.voiceFallbackUrl(), fromBaseUrl)) {
            log.warn("Twilio number {} ({}): VoiceFallbackUrl {} is under {} and is not moved",
                    number.phoneNumber(), number.sid(), Redaction.urls(number.voiceFallbackUrl()), fromBaseUrl);
        }
        if (isUnder(number.smsFallbackUrl(), fromBaseUrl)) {
            log.warn("Twilio number {} ({}): SmsFallbackUrl {} is under {} and is not moved",
                    number.phoneNumber(), number.sid(), Redaction.urls(number.smsFallbackUrl()), fromBaseUrl);
        }
    }

    private static void refuseOverridden(NumberSetup number, Changes changes, String fromBaseUrl, String toBaseUrl) {
        Map<String, String> overrides = overrides(number);
        List<String> overridden = new ArrayList<>();
        if (changes.voiceUrl() != null && overrides.containsKey("VoiceUrl")) {
            overridden.add("VoiceUrl is overridden by " + overrides.get("VoiceUrl"));
        }
        if (changes.smsUrl() != null && overrides.containsKey("SmsUrl")) {
            overridden.add("SmsUrl is overridden by " + overrides.get("SmsUrl"));
        }
        if (changes.statusCallback() != null && overrides.containsKey("StatusCallback")) {
            overridden.add("StatusCallback is overridden by " + overrides.get("StatusCallback"));
        }
        if (!overridden.isEmpty()) {
            throw new StepFailedException("Twilio number " + number.phoneNumber() + " (" + number.sid() + "): "
                    + String.join(", ", overridden) + ". Moving its URLs from " + fromBaseUrl + " to " + toBaseUrl
                    + " would not change where Twilio sends calls and messages, so nothing was changed."
                    + " An operator must decide: clear that SID on the number, or repoint the application or trunk"
                    + " itself, in the Twilio console; then retry the step.",
                    Map.of("numberSid", Objects.toString(number.sid(), "")));
        }
    }

    /** Each endpoint field that Twilio ignores for this number, with what overrides it. */
    private static Map<String, String> overrides(NumberSetup number) {
        Map<String, String> overrides = new LinkedHashMap<>();
        String voiceOverride = isSet(number.trunkSid()) ? "TrunkSid " + number.trunkSid()
                : isSet(number.voiceApplicationSid()) ? "VoiceApplicationSid " + number.voiceApplicationSid()
                : null;
        if (voiceOverride != null) {
            overrides.put("VoiceUrl", voiceOverride);
            overrides.put("StatusCallback", voiceOverride);
        }
        if (isSet(number.smsApplicationSid())) {
            overrides.put("SmsUrl", "SmsApplicationSid " + number.smsApplicationSid());
        }
        return overrides;
    }

    private static boolean pointsAnywhereUnder(PhoneEndpoints endpoints, String baseUrl) {
        return isUnder(endpoints.voiceUrl(), baseUrl) || isUnder(endpoints.smsUrl(), baseUrl)
                || isUnder(endpoints.statusCallback(), baseUrl);
    }

    private static String changedOrNull(String before, String after) {
        return Objects.equals(before, after) ? null : after;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isBlank();
    }

    /** The URL's path, query and fragment past the base, when the URL lies under the base. */
    private static Optional<String> remainderUnder(String url, String baseUrl) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        URI target;
        try {
            target = new URI(url.trim());
        } catch (URISyntaxException notAUrl) {
            return Optional.empty();
        }
        URI base = requireBaseUrl(baseUrl);
        if (!target.isAbsolute() || target.getHost() == null
                || !base.getScheme().equalsIgnoreCase(target.getScheme())
                || !base.getHost().equalsIgnoreCase(target.getHost())
                || effectivePort(base) != effectivePort(target)) {
            return Optional.empty();
        }
        String basePath = Objects.toString(base.getRawPath(), "");
        String path = Objects.toString(target.getRawPath(), "");
        if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
            return Optional.empty();
        }
        StringBuilder rest = new StringBuilder(path.substring(basePath.length()));
        if (target.getRawQuery() != null) {
            rest.append('?').append(target.getRawQuery());
        }
        if (target.getRawFragment() != null) {
            rest.append('#').append(target.getRawFragment());
        }
        return Optional.of(rest.toString());
    }

    private static URI requireBaseUrl(String baseUrl) {
        try {
            URI base = new URI(withoutTrailingSlash(Objects.requireNonNull(baseUrl, "base URL").trim()));
            String scheme = Objects.toString(base.getScheme(), "").toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && base.getHost() != null
                    && base.getRawUserInfo() == null && base.getRawQuery() == null && base.getRawFragment() == null) {
                return base;
            }
        } catch (URISyntaxException e) {
            // the message below says what a base URL must look like
        }
        throw new IllegalArgumentException("'" + baseUrl + "' is not a base URL like https://www.example.org"
                + " (http or https, a host, an optional path, no query)");
    }

    private static int effectivePort(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static String withoutTrailingSlash(String baseUrl) {
        String trimmed = baseUrl.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
