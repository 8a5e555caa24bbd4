package dev.cutover.mailgun;

import java.util.List;

/** What moving Mailgun's endpoints changed: each route's and webhook's URL before → after. */
public record MailgunChange(List<Moved> routes, List<Moved> webhooks) {

    /** A route (by id) or a webhook (by name) whose URL moved. */
    public record Moved(String id, String before, String after) {}

    public boolean isEmpty() {
        return routes.isEmpty() && webhooks.isEmpty();
    }
}
