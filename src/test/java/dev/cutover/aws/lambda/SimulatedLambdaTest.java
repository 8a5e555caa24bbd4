package dev.cutover.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SimulatedWorldTest;
import dev.cutover.support.SimulatedWorldTest.WorldClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@SimulatedWorldTest
@Import(SimulatedLambda.class)
class SimulatedLambdaTest {

    @Autowired SimulatedLambda lambda;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired MigrationPlan plan;
    @Autowired WorldClock clock;

    private static final String NEW_DATABASE_URL =
            "postgres://clearmyrecord:Xq7-vT2!pL9mR4kW8zN3@prod.example.rds.amazonaws.com/cmr";

    @BeforeEach
    void worldAsTheRunbookFindsIt() {
        world.reset();
    }

    @Test
    void theDeployedFunctionAlreadyCarriesTheSentryDsn() {
        assertThat(lambda.environmentVariableNames(plan.lambda().functionName()))
                .contains(plan.lambda().sentryDsnVariable(), "DJANGO_SETTINGS_MODULE", "DATABASE_URL");
    }

    @Test
    void theNoSentryFaultHidesTheDsnFromTheNextReadOnly() {
        String function = plan.lambda().functionName();
        faults.arm("lambda.no-sentry", 1);

        assertThat(lambda.environmentVariableNames(function))
                .doesNotContain(plan.lambda().sentryDsnVariable())
                .contains("DJANGO_SETTINGS_MODULE");
        assertThat(lambda.environmentVariableNames(function)).contains(plan.lambda().sentryDsnVariable());
    }

    @Test
    void namesAFunctionThatIsNotDeployed() {
        assertThatThrownBy(() -> lambda.environmentVariableNames("clearmyrecord-staging"))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("clearmyrecord-staging");
    }

    @Test
    void showsTheFunctionsVariableNames() {
        assertThat(world.toTree(lambda.view())
                .at("/functions/" + plan.lambda().functionName() + "/environmentVariableNames").toString())
                .contains(plan.lambda().sentryDsnVariable());
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("lambda.outage", 1);

        assertThatThrownBy(() -> lambda.environmentVariableNames(plan.lambda().functionName()))
                .isInstanceOf(SimulatedOutage.class);
        assertThat(lambda.environmentVariableNames(plan.lambda().functionName())).isNotEmpty();
    }

    @Test
    void anUpdateIsInProgressForASecondThenSuccessful() {
        String function = plan.lambda().functionName();

        lambda.updateEnvironment(function, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        assertThat(lambda.lastUpdateStatus(function)).isEqualTo("InProgress");
        clock.advance(SimulatedLambda.UPDATE_TAKES);
        assertThat(lambda.lastUpdateStatus(function)).isEqualTo("Successful");
    }

    @Test
    void anotherUpdateWhileOneIsInProgressIsRefusedForARetry() {
        String function = plan.lambda().functionName();
        lambda.updateEnvironment(function, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        assertThatThrownBy(() -> lambda.updateEnvironment(function, Map.of("OTHER", "value")))
                .isInstanceOf(IllegalStateException.class)
                .isNotInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(function, "in progress");
        clock.advance(SimulatedLambda.UPDATE_TAKES);
        lambda.updateEnvironment(function, Map.of("OTHER", "value"));
        assertThat(lambda.environmentVariableNames(function)).contains("OTHER");
    }

    @Test
    void mergesNewNamesWithTheOthersAndShowsNoValue() {
        String function = plan.lambda().functionName();

        lambda.updateEnvironment(function, Map.of("DATABASE_URL", NEW_DATABASE_URL, "DB_PASSWORD_ROTATED", "day-2"));

        assertThat(lambda.environmentVariableNames(function))
                .contains("DATABASE_URL", "DB_PASSWORD_ROTATED", "DJANGO_SETTINGS_MODULE",
                        plan.lambda().sentryDsnVariable());
        String view = world.toTree(lambda.view()).toString();
        assertThat(view).contains("DB_PASSWORD_ROTATED").doesNotContain(NEW_DATABASE_URL, "day-2");
        assertThat(world.stored().toString()).doesNotContain(NEW_DATABASE_URL);
        assertThat(world.toTree(lambda.view()).at("/functions/" + function + "/lastUpdate/variables").toString())
                .contains("DATABASE_URL", "DB_PASSWORD_ROTATED");
    }

    @Test
    void theSameValuesAgainAreNoUpdate() {
        String function = plan.lambda().functionName();
        boolean first = lambda.updateEnvironment(function, Map.of("DATABASE_URL", NEW_DATABASE_URL));
        clock.advance(SimulatedLambda.UPDATE_TAKES);

        boolean again = lambda.updateEnvironment(function, Map.of("DATABASE_URL", NEW_DATABASE_URL));

        assertThat(first).isTrue();
        assertThat(again).isFalse();
        assertThat(lambda.lastUpdateStatus(function)).isEqualTo("Successful");
    }

    @Test
    void theUpdateFailsFaultEndsTheNextUpdateFailedWithTheEnvironmentUnchanged() {
        String function = plan.lambda().functionName();
        faults.arm("lambda.update.fails", 1);

        lambda.updateEnvironment(function, Map.of("DB_PASSWORD_ROTATED", "day-2"));
        clock.advance(SimulatedLambda.UPDATE_TAKES);

        assertThat(lambda.lastUpdateStatus(function)).isEqualTo("Failed");
        assertThat(lambda.environmentVariableNames(function)).doesNotContain("DB_PASSWORD_ROTATED");
    }

    @Test
    void aNewDatabaseUrlLeavesAFingerprintOfItsPassword_decodedAsTheAppReadsIt() throws Exception {
        String function = plan.lambda().functionName();
        String password = "Xq7-vT2!pL9#mR4+kW8%zN3";

        lambda.updateEnvironment(function, Map.of(plan.rds().urlVariable(),
                "postgres://clearmyrecord:Xq7-vT2%21pL9%23mR4+kW8%25zN3@prod.example.rds.amazonaws.com:5432/clearmyrecord"));

        assertThat(storedFunction().path("databasePasswordFingerprint").asText()).isEqualTo(sha256(password));
        assertThat(world.toTree(lambda.view()).toString()).doesNotContain(sha256(password), "Xq7-vT2");
    }

    @Test
    void otherVariablesAndAFailedUpdateLeaveTheDatabasePasswordAsDeployed() {
        String function = plan.lambda().functionName();
        lambda.updateEnvironment(function, Map.of("DB_PASSWORD_ROTATED", "day-2"));
        clock.advance(SimulatedLambda.UPDATE_TAKES);
        faults.arm("lambda.update.fails", 1);

        lambda.updateEnvironment(function, Map.of(plan.rds().urlVariable(), NEW_DATABASE_URL));

        assertThat(storedFunction().has("databasePasswordFingerprint")).isFalse();
    }

    @Test
    void readsThePasswordOutOfADatabaseUrl() {
        assertThat(SimulatedLambda.passwordIn("postgres://cmr:s3cr%40t+x@db:5432/cmr")).isEqualTo("s3cr@t+x");
        assertThat(SimulatedLambda.passwordIn("postgres://cmr:a:b@db/cmr")).isEqualTo("a:b");
        assertThat(SimulatedLambda.passwordIn("postgres://cmr@db/cmr")).isEmpty();
        assertThat(SimulatedLambda.passwordIn("postgres://db/cmr?user=cmr@x")).isEmpty();
    }

    private JsonNode storedFunction() {
        JsonNode stored = world.stored().get(SimulatedLambda.SYSTEM);
        return stored == null ? MissingNode.getInstance()
                : stored.path("functions").path(plan.lambda().functionName());
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
