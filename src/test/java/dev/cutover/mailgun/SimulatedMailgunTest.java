package dev.cutover.mailgun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.mailgun.MailgunChange.Moved;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.SimulatedLatency;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The Mailgun account as the runbook finds it, on the world store alone (no engine). */
class SimulatedMailgunTest {

    private static final String DOMAIN = "mg.clearmyrecord.org";
    private static final String LAMBDA = "https://www.clearmyrecord.org";

    @Configuration
    @EnableConfigurationProperties({MigrationPlan.class, RehearsalSettings.class})
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class, ValidationAutoConfiguration.class})
    @Import({WorldStore.class, Faults.class, SimulatedLatency.class, SimulatedMailgun.class})
    static class WorldOnly {
        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2025-03-04T09:00:00Z"), ZoneOffset.UTC);
        }
    }

    private static ConfigurableApplicationContext context;

    /** Where the plan says Heroku answers (in rehearsal, this application's copy of the old site). */
    private String herokuBase;
    private SimulatedMailgun mailgun;
    private WorldStore world;
    private Faults faults;

    @BeforeAll
    static void startTheWorld() {
        context = new SpringApplicationBuilder(WorldOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("rehearsal")
                .initializers(new TestDatabase())
                .properties("spring.main.banner-mode=off")
                .run();
    }

    @AfterAll
    static void stopTheWorld() {
        context.close();
    }

    @BeforeEach
    void freshWorld() {
        herokuBase = context.getBean(MigrationPlan.class).heroku().baseUrl().toString();
        world = context.getBean(WorldStore.class);
        world.reset();
        mailgun = context.getBean(SimulatedMailgun.class);
        faults = context.getBean(Faults.class);
    }

    @Test
    void theAccountStartsWithTheAppsRoutesAndWebhooksOnHeroku_besideAnotherAppsRoute() {
        JsonNode view = view();

        assertThat(actionsOf(view, "clearmyrecord: applications by email")).containsExactly(
                "forward(\"" + herokuBase + "/mailgun/inbound/\")",
                "store(notify=\"" + herokuBase + "/mailgun/stored/\")",
                "stop()");
        assertThat(actionsOf(view, "GetCalFresh: inbound documents"))
                .containsExactly("forward(\"https://www.getcalfresh.org/mailgun/documents/\")", "stop()");
        assertThat(view.path("webhooks").path(DOMAIN).properties()).extracting(entry -> entry.getKey())
                .containsExactly("delivered", "permanent_fail", "complained");
        assertThat(view.path("webhooks").path(DOMAIN).path("delivered").get(0).asText())
                .isEqualTo(herokuBase + "/mailgun/events/");
    }

    @Test
    void movingToTheNewSiteMovesTheAppsUrlsAndWebhooks_andLeavesTheOtherAppAlone() {
        JsonNode otherAppBefore = route(view(), "GetCalFresh: inbound documents");

        Ensured<MailgunChange> moved = mailgun.moveEndpoints(DOMAIN, herokuBase, LAMBDA);

        assertThat(moved.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(moved.value().routes()).extracting(Moved::after)
                .containsExactly(LAMBDA + "/mailgun/inbound/", LAMBDA + "/mailgun/stored/",
                        LAMBDA + "/mailgun/replies/");
        assertThat(moved.value().webhooks()).extracting(Moved::id)
                .containsExactly("delivered", "permanent_fail", "complained");
        JsonNode view = view();
        assertThat(actionsOf(view, "clearmyrecord: applications by email")).containsExactly(
                "forward(\"" + LAMBDA + "/mailgun/inbound/\")",
                "store(notify=\"" + LAMBDA + "/mailgun/stored/\")",
                "stop()");
        assertThat(actionsOf(view, "clearmyrecord: replies to staff")).containsExactly(
                "forward(\"" + LAMBDA + "/mailgun/replies/\")",
                "forward(\"clearmyrecord-team@codeforamerica.org\")",
                "stop()");
        assertThat(route(view, "GetCalFresh: inbound documents")).isEqualTo(otherAppBefore);
        assertThat(view.path("webhooks").path(DOMAIN).path("complained").get(0).asText())
                .isEqualTo(LAMBDA + "/mailgun/events/");
    }

    @Test
    void aSecondMoveIsAlreadyDone_andPointingBackRestoresTheAccount() {
        JsonNode before = view();
        mailgun.moveEndpoints(DOMAIN, herokuBase, LAMBDA);

        Ensured<MailgunChange> again = mailgun.moveEndpoints(DOMAIN, herokuBase, LAMBDA);
        Ensured<MailgunChange> back = mailgun.moveEndpoints(DOMAIN, LAMBDA, herokuBase);

        assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_DONE);
        assertThat(again.value().isEmpty()).isTrue();
        assertThat(back.outcome()).isEqualTo(Outcome.CHANGED);
        assertThat(view()).isEqualTo(before);
    }

    @Test
    void anUnknownDomainFailsForGood_andNothingMoves() {
        JsonNode before = view();

        assertThatThrownBy(() -> mailgun.moveEndpoints("mg.clearmyrecrod.org", herokuBase, LAMBDA))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Mailgun has no domain mg.clearmyrecrod.org");
        assertThat(view()).isEqualTo(before);
    }

    @Test
    void anOutageFailsTheNextCallOnly_andMovesNothing() {
        JsonNode before = view();
        faults.arm("mailgun.outage", 1);

        assertThatThrownBy(() -> mailgun.moveEndpoints(DOMAIN, herokuBase, LAMBDA))
                .isInstanceOf(SimulatedOutage.class)
                .hasMessageContaining("Mailgun answered 503");
        assertThat(view()).isEqualTo(before);
        assertThat(mailgun.moveEndpoints(DOMAIN, herokuBase, LAMBDA).changed()).isTrue();
    }

    private JsonNode view() {
        return world.toTree(mailgun.view());
    }

    private static JsonNode route(JsonNode view, String description) {
        for (JsonNode route : view.path("routes")) {
            if (route.path("description").asText().equals(description)) {
                return route;
            }
        }
        throw new AssertionError("no route described " + description + " in " + view);
    }

    private static List<String> actionsOf(JsonNode view, String description) {
        List<String> actions = new ArrayList<>();
        route(view, description).path("actions").forEach(action -> actions.add(action.asText()));
        return actions;
    }
}
