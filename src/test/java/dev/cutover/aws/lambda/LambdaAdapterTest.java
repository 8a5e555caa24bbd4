package dev.cutover.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.Json;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.StepFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

@ExtendWith(OutputCaptureExtension.class)
class LambdaAdapterTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .configureStaticDsl(true)
            .build();

    private static final String FUNCTION = "clearmyrecord-production";
    private static final String CONFIGURATION = "/2015-03-31/functions/" + FUNCTION + "/configuration";
    private static final String DSN = "https://9f8e7d6c5b4a@o123456.ingest.sentry.io/7654321";
    private static final String DATABASE_URL = "postgres://clearmyrecord:hunter2-db-pass@prod.example.rds.amazonaws.com/cmr";
    private static final String NEW_DATABASE_URL =
            "postgres://clearmyrecord:Xq7-vT2!pL9mR4kW8zN3@prod.example.rds.amazonaws.com/cmr";
    private static final String REVISION = "5e3c1b52-0a9c-4d2b-9d5e-2c1f0b1a7e6d";

    private LambdaClient client;
    private LambdaAdapter lambda;

    @BeforeEach
    void lambdaOnWireMock() {
        client = AwsClients.lambda(Region.US_EAST_1, URI.create("http://127.0.0.1:" + wireMock.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        lambda = new LambdaAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void readsTheNamesOfTheEnvironmentVariablesAndNoValue(CapturedOutput output) {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration("""
                "Environment": {"Variables": {
                  "SENTRY_DSN": "%s",
                  "DJANGO_SETTINGS_MODULE": "clearmyrecord.settings.production",
                  "DATABASE_URL": "%s"
                }},
                """.formatted(DSN, DATABASE_URL)))));

        Set<String> names = lambda.environmentVariableNames(FUNCTION);

        assertThat(names).containsExactlyInAnyOrder("SENTRY_DSN", "DJANGO_SETTINGS_MODULE", "DATABASE_URL");
        assertThat(names.toString()).doesNotContain(DSN, DATABASE_URL);
        assertThat(output.getAll()).doesNotContain(DSN, DATABASE_URL);
        verify(1, getRequestedFor(urlEqualTo(CONFIGURATION)));
    }

    @Test
    void aFunctionWithoutEnvironmentHasNoVariables() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(""))));

        Set<String> names = lambda.environmentVariableNames(FUNCTION);

        assertThat(names).isEmpty();
    }

    @Test
    void namesAFunctionLambdaDoesNotHave() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "ResourceNotFoundException")
                .withHeader("x-amzn-RequestId", "d4e5f6a7-0000-4000-8000-000000000001")
                .withBody("""
                        {"Type": "User",
                         "Message": "Function not found: arn:aws:lambda:us-east-1:123456789012:function:%s"}
                        """.formatted(FUNCTION))));

        assertThatThrownBy(() -> lambda.environmentVariableNames(FUNCTION))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll("'" + FUNCTION + "'", "Function not found");
    }

    @Test
    void setsTheChangedVariablesMergedWithTheOthersOnTheRevisionItRead(CapturedOutput output) {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "Successful"))));
        stubFor(put(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "InProgress"))));

        boolean changed = lambda.updateEnvironment(FUNCTION,
                Map.of("DATABASE_URL", NEW_DATABASE_URL, "DB_PASSWORD_ROTATED", "day-2"));

        assertThat(changed).isTrue();
        verify(1, putRequestedFor(urlEqualTo(CONFIGURATION))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"Environment": {"Variables": {
                           "SENTRY_DSN": "%s",
                           "DJANGO_SETTINGS_MODULE": "clearmyrecord.settings.production",
                           "DATABASE_URL": "%s",
                           "DB_PASSWORD_ROTATED": "day-2"}},
                         "RevisionId": "%s"}
                        """.formatted(DSN, NEW_DATABASE_URL, REVISION))));
        assertThat(output.getAll()).doesNotContain(DSN, DATABASE_URL, NEW_DATABASE_URL);
    }

    @Test
    void sendsNothingWhenTheVariablesAlreadyHoldTheValues() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "Successful"))));

        boolean changed = lambda.updateEnvironment(FUNCTION, Map.of("DATABASE_URL", DATABASE_URL));

        assertThat(changed).isFalse();
        verify(0, putRequestedFor(urlEqualTo(CONFIGURATION)));
    }

    @Test
    void waitsForAnUpdateInProgressByLeavingItToARetry() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "InProgress"))));

        Throwable thrown = catchThrowable(
                () -> lambda.updateEnvironment(FUNCTION, Map.of("DATABASE_URL", NEW_DATABASE_URL)));

        assertThat(thrown).isNotInstanceOf(StepFailedException.class).isInstanceOf(RuntimeException.class)
                .hasMessageContainingAll(FUNCTION, "in progress");
        verify(0, putRequestedFor(urlEqualTo(CONFIGURATION)));
    }

    @Test
    void aConflictWithAnUpdateThatStartedMeanwhileIsRetryable() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "Successful"))));
        stubFor(put(urlEqualTo(CONFIGURATION)).willReturn(lambdaError(409, "ResourceConflictException",
                "The operation cannot be performed at this time. An update is in progress for resource: "
                        + "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION)));

        Throwable thrown = catchThrowable(
                () -> lambda.updateEnvironment(FUNCTION, Map.of("DATABASE_URL", NEW_DATABASE_URL)));

        assertThat(thrown).isNotInstanceOf(StepFailedException.class).isInstanceOf(RuntimeException.class)
                .hasMessageContainingAll(FUNCTION, "in progress", "ResourceConflictException");
        assertThat(stackTraceOf(thrown)).doesNotContain(DSN, DATABASE_URL, NEW_DATABASE_URL);
    }

    @Test
    void aRevisionChangedSinceTheReadIsRetryable() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "Successful"))));
        stubFor(put(urlEqualTo(CONFIGURATION)).willReturn(lambdaError(412, "PreconditionFailedException",
                "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API"
                        + " to retrieve the latest Revision Id")));

        Throwable thrown = catchThrowable(
                () -> lambda.updateEnvironment(FUNCTION, Map.of("DATABASE_URL", NEW_DATABASE_URL)));

        assertThat(thrown).isNotInstanceOf(StepFailedException.class).isInstanceOf(RuntimeException.class)
                .hasMessageContainingAll(FUNCTION, REVISION);
    }

    @Test
    void keepsEveryValueOutOfLambdasRefusal() {
        stubFor(get(urlEqualTo(CONFIGURATION)).willReturn(ok(configuration(deployedEnvironment(), "Successful"))));
        stubFor(put(urlEqualTo(CONFIGURATION)).willReturn(lambdaError(400, "InvalidParameterValueException",
                "Lambda was unable to configure your environment variables because the environment variables you"
                        + " have provided exceeded the 4KB limit. String measured: {\"DATABASE_URL\":\""
                        + NEW_DATABASE_URL + "\",\"SENTRY_DSN\":\"" + DSN + "\"}")));

        Throwable thrown = catchThrowable(
                () -> lambda.updateEnvironment(FUNCTION, Map.of("DATABASE_URL", NEW_DATABASE_URL)));

        assertThat(thrown).isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(FUNCTION, "InvalidParameterValueException", "4KB limit", "DATABASE_URL");
        assertThat(stackTraceOf(thrown)).doesNotContain(DSN, DATABASE_URL, NEW_DATABASE_URL);
    }

    @Test
    void readsTheLastUpdateStatus() {
        stubFor(get(urlEqualTo(CONFIGURATION)).inScenario("update").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(ok(configuration(deployedEnvironment(), "InProgress"))).willSetStateTo("done"));
        stubFor(get(urlEqualTo(CONFIGURATION)).inScenario("update").whenScenarioStateIs("done")
                .willReturn(ok(configuration(deployedEnvironment(), "Successful"))));

        assertThat(lambda.lastUpdateStatus(FUNCTION)).isEqualTo("InProgress");
        assertThat(lambda.lastUpdateStatus(FUNCTION)).isEqualTo("Successful");
    }

    private static String deployedEnvironment() {
        return """
                "Environment": {"Variables": {
                  "SENTRY_DSN": "%s",
                  "DJANGO_SETTINGS_MODULE": "clearmyrecord.settings.production",
                  "DATABASE_URL": "%s"
                }},
                """.formatted(DSN, DATABASE_URL);
    }

    private static ResponseDefinitionBuilder lambdaError(int status, String type, String message) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", type)
                .withHeader("x-amzn-RequestId", "d4e5f6a7-0000-4000-8000-000000000002")
                .withBody(Json.write(Map.of("Type", "User", "Message", message)));
    }

    private static String stackTraceOf(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static String configuration(String environment) {
        return configuration(environment, "Successful");
    }

    private static String configuration(String environment, String lastUpdateStatus) {
        return """
                {
                  "FunctionName": "%1$s",
                  "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:%1$s",
                  "Runtime": "python3.8",
                  "Role": "arn:aws:iam::123456789012:role/%1$s-ZappaLambdaExecutionRole",
                  "Handler": "handler.lambda_handler",
                  "CodeSize": 48213377,
                  "Description": "Zappa Deployment",
                  "Timeout": 30,
                  "MemorySize": 512,
                  "LastModified": "2025-06-01T10:00:00.000+0000",
                  "CodeSha256": "kM8tGq3Jx0Zo1nUu7m5nq2Yy9e9y3Z3l8rQd2v0pQ1A=",
                  "Version": "$LATEST",
                  %2$s
                  "TracingConfig": {"Mode": "PassThrough"},
                  "RevisionId": "5e3c1b52-0a9c-4d2b-9d5e-2c1f0b1a7e6d",
                  "State": "Active",
                  "LastUpdateStatus": "%3$s",
                  "PackageType": "Zip",
                  "Architectures": ["x86_64"]
                }
                """.formatted(FUNCTION, environment, lastUpdateStatus);
    }
}
