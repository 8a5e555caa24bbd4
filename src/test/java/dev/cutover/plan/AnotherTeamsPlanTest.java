package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.s3.BucketEncryption;
import dev.cutover.aws.s3.S3Port;
import dev.cutover.ledger.Ledger;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.EarlierPhases;
import dev.cutover.support.Jobs;
import dev.cutover.support.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Another team copies the clearmyrecord plan, edits it and rehearses with it: the run acts on their
 * database and bucket, and their own list of values to confirm is the one served.
 */
@ExtendWith(AnotherTeamsPlanTest.TheirPlan.class) // before the application starts: it reads the plan once
@CutoverEngineTest
@TestPropertySource(properties = "cutover.plan=" + AnotherTeamsPlanTest.PLAN)
class AnotherTeamsPlanTest {

    static final String PLAN = "target/test-plans/expungement.yaml";

    @LocalServerPort int port;
    @Autowired MigrationPlan plan;
    @Autowired RuntimeService runtime;
    @Autowired Jobs jobs;
    @Autowired TestClock clock;
    @Autowired WorldStore world;
    @Autowired Ledger ledger;
    @Autowired S3Port s3;
    @Autowired EarlierPhases phases;

    private final HttpClient http = HttpClient.newHttpClient();

    /** The team's copy of the plan, edited, written before the application starts. */
    static class TheirPlan implements BeforeAllCallback {
        @Override
        public void beforeAll(ExtensionContext context) throws IOException {
            theTeamCopiesAndEditsThePlan();
        }
    }

    static void theTeamCopiesAndEditsThePlan() throws IOException {
        String clearmyrecord = Files.readString(Path.of(PlanFile.DEFAULT_PATH));
        String theirs = clearmyrecord
                .replaceFirst("(?m)^name: clearmyrecord$", "name: expungement")
                .replace("instance-id: clearmyrecord-prod", "instance-id: expungement-prod")
                .replace("media: clearmyrecord-media-prod", "media: expungement-media")
                .replaceAll("(?ms)^confirm:\n(  - .*?\n)+\n", "confirm:\n  - buckets.media\n\n");
        assertThat(theirs).contains("name: expungement", "expungement-prod", "expungement-media")
                .doesNotContain("  - rds.instance-id");
        Files.createDirectories(Path.of(PLAN).getParent());
        Files.writeString(Path.of(PLAN), theirs);
    }

    @Test
    void aRehearsalOfDay0WithTheirPlanSnapshotsTheirDatabaseAndEncryptsTheirBucket() throws Exception {
        clock.reset();
        world.reset();
        phases.completedBefore("day-0", "expungement-1");

        HttpResponse<String> started = admin("POST", "/engine-rest/process-definition/key/day-0/start",
                "{\"businessKey\": \"expungement-1\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey("expungement-1")
                .processDefinitionKey("day-0").singleResult().getId();

        assertThat(jobs.runAll(instance)).isEmpty();

        assertThat(plan.name()).isEqualTo("expungement");
        assertThat(ledger.entries("expungement-1").get(0).undo()).containsEntry("dbInstanceId", "expungement-prod");
        assertThat(s3.bucketEncryption("expungement-media")).isEqualTo(BucketEncryption.sseS3());
    }

    @Test
    void theirListOfValuesToConfirmIsTheOneServed() throws Exception {
        HttpResponse<String> unconfirmed = admin("GET", "/api/plan/unconfirmed", null);

        assertThat(unconfirmed.statusCode()).isEqualTo(200);
        assertThat(unconfirmed.body().replaceAll("\\s", ""))
                .isEqualTo("[{\"key\":\"buckets.media\",\"value\":\"expungement-media\"}]");
    }

    private HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString("admin:rehearsal-admin-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
