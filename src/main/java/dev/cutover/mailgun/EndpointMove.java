package dev.cutover.mailgun;

import dev.cutover.mailgun.MailgunChange.Moved;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moving URLs from one base to another, as the adapter and the rehearsal twin both do it: a URL
 * under {@code from} keeps its path and query under {@code to}; anything else stays as it is.
 * In a route the URL of a {@code forward("…")} and the {@code notify} URL of a
 * {@code store(notify="…")} move (both call the app, and Heroku goes away on Day 2); {@code stop()},
 * forwards to mailboxes and URLs of other sites are kept verbatim, in their order.
 */
final class EndpointMove {

    private static final Pattern FORWARD = Pattern.compile("^(\\s*forward\\(\\s*)([\"'])(.*?)\\2(\\s*\\)\\s*)$");
    private static final Pattern STORE_NOTIFY =
            Pattern.compile("^(\\s*store\\(\\s*notify\\s*=\\s*)([\"'])(.*?)\\2(\\s*\\)\\s*)$");

    private final String from;
    private final String to;

    EndpointMove(String fromBaseUrl, String toBaseUrl) {
        this.from = baseOf(fromBaseUrl, "fromBaseUrl");
        this.to = baseOf(toBaseUrl, "toBaseUrl");
        // a move into its own base would move again on every rerun
        if (moves(to)) {
            throw new IllegalArgumentException("toBaseUrl " + to + " lies under fromBaseUrl " + from
                    + ": there is nothing sensible to move");
        }
    }

    /** True for the base itself and URLs under it; not for a host that merely starts alike. */
    boolean moves(String url) {
        if (url == null || !url.regionMatches(true, 0, from, 0, from.length())) {
            return false;
        }
        if (url.length() == from.length()) {
            return true;
        }
        char next = url.charAt(from.length());
        return next == '/' || next == '?' || next == '#';
    }

    String moved(String url) {
        return moves(url) ? to + url.substring(from.length()) : url;
    }

    /** A route's full action list with its forwards under {@code from} moved. */
    Rewrite actions(String routeId, List<String> actions) {
        List<String> result = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (String action : actions) {
            Matcher forward = FORWARD.matcher(action);
            if (!forward.matches()) {
                forward = STORE_NOTIFY.matcher(action);
            }
            if (!forward.matches() || !moves(forward.group(3))) {
                result.add(action);
                continue;
            }
            String after = moved(forward.group(3));
            moved.add(new Moved(routeId, forward.group(3), after));
            String movedAction = forward.group(1) + forward.group(2) + after + forward.group(2) + forward.group(4);
            // a forward already there (a half-done move by hand) must not deliver twice
            if (!actions.contains(movedAction) && !result.contains(movedAction)) {
                result.add(movedAction);
            }
        }
        return new Rewrite(List.copyOf(result), List.copyOf(moved));
    }

    /** A webhook's full URL list with the URLs under {@code from} moved. */
    Rewrite urls(String webhook, List<String> urls) {
        List<String> result = new ArrayList<>();
        List<Moved> moved = new ArrayList<>();
        for (String url : urls) {
            if (!moves(url)) {
                result.add(url);
                continue;
            }
            String after = moved(url);
            moved.add(new Moved(webhook, url, after));
            if (!urls.contains(after) && !result.contains(after)) {
                result.add(after);
            }
        }
        return new Rewrite(List.copyOf(result), List.copyOf(moved));
    }

    /** The values to send (the whole list, since Mailgun replaces it) and what moved in it. */
    record Rewrite(List<String> values, List<Moved> moved) {
        boolean changed() {
            return !moved.isEmpty();
        }
    }

    private static String baseOf(String url, String name) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(name + " must be a base URL like https://example.org");
        }
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (!base.contains("://")) {
            throw new IllegalArgumentException(name + " must be a base URL like https://example.org, was " + base);
        }
        return base;
    }
}
