package dev.cutover.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldSeal;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.CutoverEngineTest;
import dev.cutover.support.SecretScan;
import dev.cutover.support.TestClock;
import dev.cutover.web.SiteAnswer;
import dev.cutover.web.SiteProbe;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CutoverEngineTest
class SimulatedHerokuTest {

    private static final String INTERIM_SECRET = "rehearsal/interim/secret/00000000000000000";

    @Autowired SimulatedHeroku heroku;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired WorldSeal seal;
    @Autowired DataSource dataSource;
    @Autowired MigrationPlan plan;
    @Autowired TestClock clock;
    @Autowired SiteProbe probe;

    private String app;

    @BeforeEach
    void freshWorld() {
        world.reset();
        clock.reset();
        app = plan.heroku().app();
    }

    @Test
    void theAppServesMediaFromTheOldBucketWithTheHerokuEraKeyAtFirst() {
        Map<String, String> vars = heroku.configVars(app);

        assertThat(vars)
                .containsEntry("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia())
                .containsEntry(plan.heroku().s3AccessKeyIdVar(), SimulatedHeroku.HEROKU_ERA_KEY_ID)
                .containsKeys(plan.heroku().s3SecretAccessKeyVar(), "DATABASE_URL", "DJANGO_SETTINGS_MODULE");
        assertThat(vars.get("DATABASE_URL")).startsWith("postgres://").contains(plan.rds().instanceId());
    }

    @Test
    void changingVarsSetsAndRemovesThemInOneRelease() {
        Map<String, String> changes = new HashMap<>();
        changes.put(plan.heroku().s3AccessKeyIdVar(), "AKIAREHEARSALINTERIM");
        changes.put(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET);
        changes.put("SENTRY_DSN", null);

        heroku.setConfigVars(app, changes);

        assertThat(heroku.configVars(app))
                .containsEntry(plan.heroku().s3AccessKeyIdVar(), "AKIAREHEARSALINTERIM")
                .containsEntry(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET)
                .doesNotContainKey("SENTRY_DSN");
        JsonNode shown = view();
        assertThat(shown.at("/release").asText()).isEqualTo("v213");
        assertThat(shown.at("/releases/1/description").asText())
                .isEqualTo("Set AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY config vars; Remove SENTRY_DSN config vars");
    }

    @Test
    void settingTheValuesItHasAlreadyMakesNoRelease() {
        heroku.setConfigVars(app, Map.of("AWS_STORAGE_BUCKET_NAME", plan.buckets().oldMedia()));

        assertThat(view().at("/release").asText()).isEqualTo("v212");
        // only the release the app was found running
        assertThat(view().at("/releases").size()).isEqualTo(1);
    }

    @Test
    void theWorldViewMasksSecretsButShowsBucketSettingsAndKeyIds() {
        heroku.setConfigVars(app, Map.of(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET));

        JsonNode vars = view().at("/configVars");

        assertThat(vars.toString()).doesNotContain(INTERIM_SECRET).doesNotContain("rehearsal-db-password");
        assertThat(vars.at("/" + plan.heroku().s3SecretAccessKeyVar()).asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/DATABASE_URL").asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/SECRET_KEY").asText()).isEqualTo(SimulatedHeroku.MASKED);
        assertThat(vars.at("/AWS_STORAGE_BUCKET_NAME").asText()).isEqualTo(plan.buckets().oldMedia());
        assertThat(vars.at("/DJANGO_SETTINGS_MODULE").asText()).endsWith(".settings.production");
        assertThat(vars.at("/" + plan.heroku().s3AccessKeyIdVar()).asText()).isEqualTo(SimulatedHeroku.HEROKU_ERA_KEY_ID);
        assertThat(view().at("/formation/web/quantity").asInt()).isEqualTo(2);
        assertThat(view().at("/maintenance").asBoolean()).isFalse();
    }

    @Test
    void theSecretVarsAreKeptSealedAndTheOthersPlain() throws Exception {
        heroku.setConfigVars(app, Map.of(plan.heroku().s3SecretAccessKeyVar(), INTERIM_SECRET));
        Map<String, String> vars = heroku.configVars(app);

        JsonNode kept = world.stored().get(SimulatedHeroku.SYSTEM).at("/apps/" + app + "/configVars");

        assertThat(kept.at("/" + plan.heroku().s3SecretAccessKeyVar()).asText()).startsWith("sealed:v1:");
        assertThat(kept.at("/DATABASE_URL").asText()).startsWith("sealed:v1:");
        assertThat(kept.at("/SECRET_KEY").asText()).startsWith("sealed:v1:");
        assertThat(kept.at("/SENTRY_DSN").asText()).startsWith("sealed:v1:");
        assertThat(kept.at("/" + plan.heroku().s3AccessKeyIdVar()).asText()).isEqualTo(SimulatedHeroku.HEROKU_ERA_KEY_ID);
        assertThat(kept.at("/AWS_STORAGE_BUCKET_NAME").asText()).isEqualTo(plan.buckets().oldMedia());
        assertThat(SecretScan.findIn(dataSource, List.of(INTERIM_SECRET, vars.get("DATABASE_URL"),
                vars.get("SECRET_KEY"), vars.get("SENTRY_DSN")))).isEmpty();
    }

    @Test
    void settingASecretVarToTheValueItHasMakesNoRelease() {
        heroku.setConfigVars(app, Map.of("SECRET_KEY", heroku.configVars(app).get("SECRET_KEY")));

        assertThat(view().at("/release").asText()).isEqualTo("v212");
    }

    @Test
    void anUnknownAppIsRefusedWithoutValues() {
        assertThatThrownBy(() -> heroku.setConfigVars("someone-else", Map.of("SECRET_KEY", INTERIM_SECRET)))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku has no app named 'someone-else'")
                .hasMessageNotContaining(INTERIM_SECRET);
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("heroku.outage", 1);

        assertThatThrownBy(() -> heroku.configVars(app)).isInstanceOf(SimulatedOutage.class);
        assertThat(heroku.configVars(app)).isNotEmpty();
    }

    @Test
    void theAppRunsTwoWebDynosAndAWorkerAtFirst_noClockWhenThePlanNamesNoSchedulerProcessType() {
        assertThat(plan.launch().schedulerProcessType()).isNull();

        assertThat(heroku.formation(app)).containsExactly(
                new Formation("web", 2, "standard-1x"),
                new Formation("worker", 1, "standard-1x"));
    }

    @Test
    void theAppRunsOneDynoOfTheSchedulerProcessType_whenThePlanNamesOne() {
        SimulatedHeroku withClock = new SimulatedHeroku(world, faults, seal, clock,
                planWithSchedulerProcessType("clock"));

        assertThat(withClock.formation(app)).containsExactly(
                new Formation("web", 2, "standard-1x"),
                new Formation("worker", 1, "standard-1x"),
                new Formation("clock", 1, "standard-1x"));
    }

    @Test
    void scalingChangesTheQuantityOnly_andReturnsTheFormationAsItWasBefore() {
        Ensured<Formation> scaled = heroku.scale(app, "web", 0);

        assertThat(scaled.changed()).isTrue();
        assertThat(scaled.value()).isEqualTo(new Formation("web", 2, "standard-1x"));
        assertThat(heroku.formation(app)).contains(new Formation("web", 0, "standard-1x"));
        JsonNode shown = view();
        assertThat(shown.at("/formation/web/quantity").asInt()).isZero();
        assertThat(shown.at("/formation/web/size").asText()).isEqualTo("standard-1x");
        assertThat(shown.at("/apiLog/0/line").asText()).isEqualTo("Scale to web=0");
        assertThat(shown.at("/apiLog/0/at").asText()).isEqualTo(clock.instant().toString());
    }

    @Test
    void scalingIsNoRelease_asOnHeroku() {
        heroku.scale(app, "worker", 0);

        assertThat(view().at("/release").asText()).isEqualTo("v212");
        // only the release the app was found running
        assertThat(view().at("/releases").size()).isEqualTo(1);
    }

    @Test
    void scalingToTheQuantityItRunsIsAlreadyDone() {
        Ensured<Formation> scaled = heroku.scale(app, "worker", 1);

        assertThat(scaled.changed()).isFalse();
        assertThat(scaled.value()).isEqualTo(new Formation("worker", 1, "standard-1x"));
        assertThat(view().at("/apiLog").size()).isZero();
    }

    @Test
    void scalingAProcessTypeTheAppDoesNotHaveIsRefusedNamingIt() {
        assertThatThrownBy(() -> heroku.scale(app, "clock", 0))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Heroku app '" + app + "' has no process type 'clock'")
                .hasMessageContaining("404 Not Found");
    }

    @Test
    void turningMaintenanceOnChangesTheWorldOnce() {
        Ensured<Boolean> first = heroku.ensureMaintenance(app, true);
        Ensured<Boolean> again = heroku.ensureMaintenance(app, true);

        assertThat(first.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        assertThat(again.value()).isTrue();
        JsonNode shown = view();
        assertThat(shown.at("/maintenance").asBoolean()).isTrue();
        assertThat(shown.at("/apiLog").size()).isEqualTo(1);
        assertThat(shown.at("/apiLog/0/line").asText()).isEqualTo("Enable Maintenance mode");
        assertThat(shown.at("/release").asText()).isEqualTo("v212");
    }

    @Test
    void turningMaintenanceOffWhenItIsOffIsAlreadyDone() {
        Ensured<Boolean> off = heroku.ensureMaintenance(app, false);

        assertThat(off.changed()).isFalse();
        assertThat(off.value()).isFalse();
    }

    @Test
    void inMaintenance_theHerokuSiteAnswersWithTheMaintenancePage() {
        heroku.ensureMaintenance(app, true);

        SiteAnswer answer = probe.probe(herokuHealth());

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.bodyStart()).contains("Offline for Maintenance");
    }

    @Test
    void withWebScaledToZero_theHerokuSiteAnswersApplicationError_andServesAgainOnceScaledBack() {
        Formation before = heroku.scale(app, "web", 0).value();

        SiteAnswer down = probe.probe(herokuHealth());
        heroku.scale(app, "web", before.quantity());
        SiteAnswer back = probe.probe(herokuHealth());

        assertThat(down.status()).isEqualTo(503);
        assertThat(down.bodyStart()).contains("Application Error");
        assertThat(back.status()).isEqualTo(200);
    }

    @Test
    void anOutageFailsAScaleWithoutChangingTheWorld() {
        faults.arm("heroku.outage", 1);

        assertThatThrownBy(() -> heroku.scale(app, "web", 0)).isInstanceOf(SimulatedOutage.class);
        assertThat(view().at("/formation/web/quantity").asInt()).isEqualTo(2);
    }

    private URI herokuHealth() {
        return URI.create(plan.heroku().baseUrl() + plan.launch().healthPath());
    }

    private MigrationPlan planWithSchedulerProcessType(String processType) {
        MigrationPlan.Launch launch = plan.launch();
        return new MigrationPlan(plan.name(), plan.domains(), plan.dns(), plan.aws(), plan.rds(), plan.buckets(), plan.heroku(),
                plan.twilio(), plan.mailgun(), plan.github(), plan.tower(), plan.pingdom(), plan.lambda(), plan.iam(),
                plan.preparation(), new MigrationPlan.Launch(launch.newSiteUrl(), launch.temporarySiteUrl(),
                        launch.healthPath(), launch.uatChecklist(), launch.scheduledJobs(), processType,
                        launch.syncBatchSize(), launch.window(), launch.day2At(), launch.day2After()),
                plan.passwordRotation(), plan.timings(), plan.fourEyes());
    }

    private JsonNode view() {
        return world.toTree(heroku.view()).at("/apps/" + app);
    }
}
