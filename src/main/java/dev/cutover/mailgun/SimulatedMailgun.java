package dev.cutover.mailgun;

import dev.cutover.mailgun.EndpointMove.Rewrite;
import dev.cutover.mailgun.MailgunChange.Moved;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Rehearsal twin of the Mailgun account, as the runbook finds it: two routes of the app forwarding
 * to Heroku (one also storing with a notify URL, which does not move), a route of another app of
 * the organisation that must never change, and the domain's delivered, permanent_fail and
 * complained webhooks calling Heroku. The fault {@code mailgun.outage} fails the next call as a
 * 503 would.
 */
@Component
@Profile("rehearsal")
class SimulatedMailgun implements MailgunPort, WorldPart {

    static final String SYSTEM = "mailgun";

    private final WorldStore world;
    private final Faults faults;
    private final String mailDomain;
    private final String heroku;

    SimulatedMailgun(WorldStore world, Faults faults, MigrationPlan plan) {
        this.world = world;
        this.faults = faults;
        this.mailDomain = plan.mailgun().domain();
        this.heroku = plan.heroku().baseUrl().toString().replaceAll("/+$", "");
    }

    @Override
    public Ensured<MailgunChange> moveEndpoints(String domain, String fromBaseUrl, String toBaseUrl) {
        faults.outage("mailgun.outage", "Mailgun answered 503 Service Unavailable");
        EndpointMove move = new EndpointMove(fromBaseUrl, toBaseUrl);
        MailgunChange change = world.change(SYSTEM, State.class, this::initial, state -> {
            Map<String, List<String>> webhooks = state.webhooks.get(domain);
            if (webhooks == null) {
                throw new StepFailedException("Reading the webhooks of Mailgun domain " + domain
                        + ": Mailgun has no domain " + domain + " (404 Not Found: Domain not found)");
            }
            List<Moved> routes = new ArrayList<>();
            for (RouteState route : state.routes) {
                Rewrite actions = move.actions(route.id, route.actions);
                if (actions.changed()) {
                    route.actions = new ArrayList<>(actions.values());
                    routes.addAll(actions.moved());
                }
            }
            List<Moved> moved = new ArrayList<>();
            webhooks.replaceAll((name, urls) -> {
                Rewrite rewrite = move.urls(name, urls);
                moved.addAll(rewrite.moved());
                return new ArrayList<>(rewrite.values());
            });
            return new MailgunChange(List.copyOf(routes), List.copyOf(moved));
        });
        return change.isEmpty() ? Ensured.alreadyDone(change) : Ensured.changed(change);
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        State state = world.read(SYSTEM, State.class, this::initial);
        List<Map<String, Object>> routes = state.routes.stream()
                .map(route -> Map.<String, Object>of(
                        "id", route.id,
                        "priority", route.priority,
                        "description", route.description,
                        "expression", route.expression,
                        "actions", route.actions))
                .toList();
        return Map.of("routes", routes, "webhooks", state.webhooks);
    }

    private State initial() {
        State state = new State();
        state.routes.add(new RouteState("5e7c1a2b9f0d4c3a8b6e1f20", 0, "clearmyrecord: applications by email",
                "match_recipient(\"apply@" + mailDomain + "\")",
                List.of("forward(\"" + heroku + "/mailgun/inbound/\")",
                        "store(notify=\"" + heroku + "/mailgun/stored/\")",
                        "stop()")));
        state.routes.add(new RouteState("5e7c1a6d3b8e2f1c9a4d7e31", 1, "clearmyrecord: replies to staff",
                "match_recipient(\".*@" + mailDomain + "\")",
                List.of("forward(\"" + heroku + "/mailgun/replies/\")",
                        "forward(\"clearmyrecord-team@codeforamerica.org\")",
                        "stop()")));
        state.routes.add(new RouteState("5d2f9e0a7c6b5a4f3e2d1c09", 5, "GetCalFresh: inbound documents",
                "match_recipient(\"documents@mg.getcalfresh.org\")",
                List.of("forward(\"https://www.getcalfresh.org/mailgun/documents/\")", "stop()")));
        Map<String, List<String>> webhooks = new LinkedHashMap<>();
        for (String name : List.of("delivered", "permanent_fail", "complained")) {
            webhooks.put(name, new ArrayList<>(List.of(heroku + "/mailgun/events/")));
        }
        state.webhooks.put(mailDomain, webhooks);
        return state;
    }

    static class State {
        List<RouteState> routes = new ArrayList<>();
        Map<String, Map<String, List<String>>> webhooks = new LinkedHashMap<>();
    }

    static class RouteState {
        String id;
        int priority;
        String description;
        String expression;
        List<String> actions = new ArrayList<>();

        RouteState() {}

        RouteState(String id, int priority, String description, String expression, List<String> actions) {
            this.id = id;
            this.priority = priority;
            this.description = description;
            this.expression = expression;
            this.actions = new ArrayList<>(actions);
        }
    }
}
