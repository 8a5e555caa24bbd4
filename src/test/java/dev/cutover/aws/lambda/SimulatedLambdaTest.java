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
}
