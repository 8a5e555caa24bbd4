package dev.cutover.aws.secrets;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.StepFailedException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
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
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

@ExtendWith(OutputCaptureExtension.class)
class SecretsManagerAdapterTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .configureStaticDsl(true)
            .build();

    private static final String NAME = "cutover/clearmyrecord/db-password";
    private static final String ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + NAME + "-Xy12Ab";
    private static final String VALUE = "s3cr3t-Pa55word-nobody-may-see";
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    private SecretsManagerClient client;
    private SecretsManagerAdapter secrets;

    @BeforeEach
    void secretsManagerOnWireMock() {
        client = AwsClients.secretsManager(Region.US_EAST_1, URI.create("http://127.0.0.1:" + wireMock.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        secrets = new SecretsManagerAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void keepsAValueAsANewVersionOfAnExistingSecret() {
        stubFor(target("PutSecretValue").willReturn(ok("""
                {"ARN": "%s", "Name": "%s", "VersionId": "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE",
                 "VersionStages": ["AWSCURRENT"]}
                """.formatted(ARN, NAME))));

        String arn = secrets.keep(NAME, VALUE);

        assertThat(arn).isEqualTo(ARN);
        verify(1, requested("PutSecretValue")
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.SecretString", equalTo(VALUE)))
                .withRequestBody(matchingJsonPath("$.ClientRequestToken", matching(UUID_PATTERN))));
        verify(0, requested("CreateSecret"));
    }

    @Test
    void createsTheSecretWhenThereIsNoneToPutAVersionIn() {
        stubFor(target("PutSecretValue").willReturn(error("ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.")));
        stubFor(target("CreateSecret").willReturn(ok("""
                {"ARN": "%s", "Name": "%s", "VersionId": "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"}
                """.formatted(ARN, NAME))));

        String arn = secrets.keep(NAME, VALUE);

        assertThat(arn).isEqualTo(ARN);
        verify(1, requested("CreateSecret")
                .withRequestBody(matchingJsonPath("$.Name", equalTo(NAME)))
                .withRequestBody(matchingJsonPath("$.SecretString", equalTo(VALUE))));
    }

    @Test
    void refusesAValueForASecretScheduledForDeletionWithoutShowingTheValue(CapturedOutput output) {
        stubFor(target("PutSecretValue").willReturn(error("InvalidRequestException",
                "You can't perform this operation on the secret because it was marked for deletion.")));

        Throwable refused = catchThrowable(() -> secrets.keep(NAME, VALUE));

        assertThat(refused).isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(NAME, "marked for deletion");
        assertThat(withCauses(refused)).doesNotContain(VALUE);
        assertThat(output.getAll()).doesNotContain(VALUE);
    }

    @Test
    void readsTheCurrentVersion(CapturedOutput output) {
        stubFor(target("GetSecretValue").willReturn(ok("""
                {"ARN": "%s", "Name": "%s", "VersionId": "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE",
                 "SecretString": "%s", "VersionStages": ["AWSCURRENT"], "CreatedDate": 1748779200.0}
                """.formatted(ARN, NAME, VALUE))));

        String value = secrets.read(ARN);

        assertThat(value).isEqualTo(VALUE);
        verify(requested("GetSecretValue")
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo(ARN)))
                .withRequestBody(matchingJsonPath("$.VersionStage", equalTo("AWSCURRENT"))));
        assertThat(output.getAll()).doesNotContain(VALUE);
    }

    @Test
    void namesASecretThatDoesNotExist() {
        stubFor(target("GetSecretValue").willReturn(error("ResourceNotFoundException",
                "Secrets Manager can't find the specified secret.")));

        Throwable missing = catchThrowable(() -> secrets.read(NAME));

        assertThat(missing).isInstanceOf(StepFailedException.class).hasMessageContaining(NAME);
    }

    @Test
    void asksForARandomPasswordRdsAccepts() {
        stubFor(target("GetRandomPassword").willReturn(ok("""
                {"RandomPassword": "EXAMPLE-PASSWORD-k8#Qv2!mZ7pL$w3xR9tN4"}
                """)));

        String password = secrets.randomPassword(32);

        assertThat(password).isEqualTo("EXAMPLE-PASSWORD-k8#Qv2!mZ7pL$w3xR9tN4");
        verify(requested("GetRandomPassword")
                .withRequestBody(matchingJsonPath("$.PasswordLength", equalTo("32")))
                .withRequestBody(matchingJsonPath("$.ExcludeCharacters", equalTo("/@\"' \\"))));
    }

    private static MappingBuilder target(String operation) {
        return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("secretsmanager." + operation));
    }

    private static RequestPatternBuilder requested(String operation) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("secretsmanager." + operation))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"));
    }

    private static ResponseDefinitionBuilder ok(String json) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-amz-json-1.1").withBody(json);
    }

    private static ResponseDefinitionBuilder error(String type, String message) {
        return aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.1")
                .withHeader("x-amzn-RequestId", "b2c3d4e5-0000-4000-8000-000000000001")
                .withBody("{\"__type\": \"" + type + "\", \"Message\": \"" + message + "\"}");
    }

    private static String withCauses(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
