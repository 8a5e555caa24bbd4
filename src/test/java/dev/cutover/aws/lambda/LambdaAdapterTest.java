package dev.cutover.aws.lambda;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.StepFailedException;
import java.net.URI;
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

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(json);
    }

    private static String configuration(String environment) {
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
                  "LastUpdateStatus": "Successful",
                  "PackageType": "Zip",
                  "Architectures": ["x86_64"]
                }
                """.formatted(FUNCTION, environment);
    }
}
