package dev.cutover.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.aws.rds.SimulatedRds;
import dev.cutover.heroku.SimulatedHeroku;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;

/**
 * www on Day 2: the app answers Django's 500 while it cannot log in to its database, and the world
 * notes the outage visitors saw.
 */
@SimulatedWorldTest
@Import({SimulatedHosting.class, SimulatedRds.class, SimulatedHeroku.class})
class SimulatedHostingDatabaseTest {

    private static final String PASSWORD = "Xq7-vT2!pL9#mR4$kW8%zN3^bJ6&cH1*";

    @Autowired SimulatedHosting hosting;
    @Autowired SimulatedRds rds;
    @Autowired WorldStore world;
    @Autowired WorldClock clock;
    @Autowired MigrationPlan plan;

    @BeforeEach
    void wwwServesLambda() {
        world.reset();
        hosting.zappaDeployLaunched(clock.instant().minus(Duration.ofMinutes(1)));
    }

    @Test
    void beforeDay2_theAppLogsInAndWwwAnswers() {
        ResponseEntity<String> health = hosting.wwwHealth();

        assertThat(health.getStatusCode().value()).isEqualTo(200);
        assertThat(hosting.wwwServerError()).isEmpty();
        JsonNode www = wwwInView();
        assertThat(www.path("databaseConnects").asBoolean()).isTrue();
        assertThat(www.path("outages").size()).isZero();
    }

    @Test
    void whileTheCredentialsAreReset_wwwAnswersDjangosServerErrorFromLambda() {
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);
        appUsesPassword(PASSWORD);

        ResponseEntity<String> health = hosting.wwwHealth();

        assertThat(health.getStatusCode().value()).isEqualTo(500);
        assertThat(health.getBody()).contains("<title>Server Error (500)</title>", "<h1>Server Error (500)</h1>");
        assertThat(health.getHeaders().getFirst("x-amzn-RequestId")).isNotBlank();
        assertThat(health.getHeaders().getFirst("x-amz-apigw-id")).isNotBlank();
        assertThat(wwwInView().path("answers").asText()).startsWith("500");
    }

    @Test
    void aNewPasswordTheAppDoesNotHave_failsEveryPageUntilTheAppIsRepointed() {
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);
        clock.advance(Duration.ofMinutes(5));

        boolean pageFails = hosting.wwwServerError().isPresent();
        int healthBefore = hosting.wwwHealth().getStatusCode().value();
        appUsesPassword(PASSWORD);

        assertThat(pageFails).isTrue();
        assertThat(healthBefore).isEqualTo(500);
        assertThat(hosting.wwwHealth().getStatusCode().value()).isEqualTo(200);
        assertThat(hosting.wwwServerError()).isEmpty();
    }

    @Test
    void anOutageRunsFromTheFirstRequestFindingWwwFailingToTheFirstFindingItFine() {
        Instant start = clock.instant();
        hosting.wwwHealth();
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);
        clock.advance(Duration.ofSeconds(1));
        hosting.wwwHealth();
        clock.advance(Duration.ofSeconds(4));
        hosting.wwwServerError();
        appUsesPassword(PASSWORD);
        clock.advance(Duration.ofMillis(2500));

        hosting.wwwHealth();
        clock.advance(Duration.ofSeconds(1));
        hosting.wwwHealth();

        JsonNode outages = wwwInView().path("outages");
        assertThat(outages.size()).isEqualTo(1);
        assertThat(outages.at("/0/from").asText()).isEqualTo(start.plusSeconds(1).toString());
        assertThat(outages.at("/0/to").asText()).isEqualTo(start.plusMillis(7500).toString());
        assertThat(outages.at("/0/seconds").asDouble()).isEqualTo(6.5);
    }

    @Test
    void anOutageGoingOnShowsNoEndAndItsSecondsSoFar() {
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);
        hosting.wwwHealth();
        clock.advance(Duration.ofSeconds(42));

        JsonNode outages = wwwInView().path("outages");

        assertThat(outages.size()).isEqualTo(1);
        assertThat(outages.at("/0/to").isNull()).isTrue();
        assertThat(outages.at("/0/seconds").asDouble()).isEqualTo(42.0);
        assertThat(wwwInView().path("databaseConnects").asBoolean()).isFalse();
    }

    @Test
    void withoutRequests_noOutageIsSeen() {
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);
        appUsesPassword(PASSWORD);
        clock.advance(Duration.ofMinutes(1));

        hosting.wwwHealth();

        assertThat(wwwInView().path("outages").size()).isZero();
    }

    @Test
    void beforeWwwServesLambda_itIsCloudFrontsRefusal_andNoOutage() {
        world.reset();
        rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD);

        ResponseEntity<String> health = hosting.wwwHealth();

        assertThat(health.getStatusCode().value()).isEqualTo(403);
        assertThat(hosting.wwwServerError()).isEmpty();
        assertThat(wwwInView().path("outages").size()).isZero();
    }

    @Test
    void keepsTheLastOutagesOnly() {
        for (int i = 0; i < SimulatedHosting.OUTAGES_KEPT + 3; i++) {
            rds.changeMasterPassword(plan.rds().instanceId(), PASSWORD + i);
            hosting.wwwHealth();
            clock.advance(Duration.ofSeconds(5));
            appUsesPassword(PASSWORD + i);
            hosting.wwwHealth();
        }

        assertThat(wwwInView().path("outages").size()).isEqualTo(SimulatedHosting.OUTAGES_KEPT);
    }

    private JsonNode wwwInView() {
        return world.toTree(hosting.view()).path("www");
    }

    /** The Lambda's document as the rehearsal's Lambda keeps it once its database URL holds this password. */
    private void appUsesPassword(String password) {
        world.change(SimulatedHosting.LAMBDA_SYSTEM, ObjectNode.class, () -> new ObjectMapper().createObjectNode(),
                lambda -> lambda.withObjectProperty("functions").withObjectProperty(plan.lambda().functionName())
                        .put("databasePasswordFingerprint", sha256(password)));
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
