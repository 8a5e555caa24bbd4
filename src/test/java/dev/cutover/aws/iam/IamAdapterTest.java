package dev.cutover.aws.iam;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToIgnoreCase;
import static com.github.tomakehurst.wiremock.client.WireMock.findAll;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.cutover.aws.AwsClients;
import dev.cutover.step.Ensured;
import dev.cutover.step.Outcome;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;

class IamAdapterTest {

    @RegisterExtension
    static WireMockExtension wireMock = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .configureStaticDsl(true)
            .build();

    private static final String USER = "clearmyrecord-heroku-interim";
    private static final String USER_ARN = "arn:aws:iam::123456789012:user/" + USER;
    private static final String POLICY = "arn:aws:iam::123456789012:policy/clearmyrecord-media-access";
    private static final String OLD_KEY = "AKIAIOSFODNN7OLDKEY1";
    private static final String NEW_KEY = "AKIAIOSFODNN7NEWKEY2";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private IamClient client;
    private IamAdapter iam;

    @BeforeEach
    void iamOnWireMock() {
        client = AwsClients.iam(Region.AWS_GLOBAL, URI.create("http://127.0.0.1:" + wireMock.getPort()),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
        iam = new IamAdapter(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void createsAMissingUserWithItsTagsAndAttachesThePolicy() {
        stubFor(action("GetUser").willReturn(noSuchEntity("The user with name " + USER + " cannot be found.")));
        stubFor(action("CreateUser").willReturn(ok(result("CreateUser", user()))));
        stubFor(action("ListAttachedUserPolicies").willReturn(ok(result("ListAttachedUserPolicies",
                "<AttachedPolicies/><IsTruncated>false</IsTruncated>"))));
        stubFor(action("AttachUserPolicy").willReturn(ok(empty("AttachUserPolicy"))));

        Ensured<String> result = iam.ensureUser(USER, POLICY, Map.of("cutover", "clearmyrecord"));

        verify(1, requested("CreateUser")
                .withFormParam("UserName", equalTo(USER))
                .withFormParam("Tags.member.1.Key", equalTo("cutover"))
                .withFormParam("Tags.member.1.Value", equalTo("clearmyrecord")));
        verify(1, requested("AttachUserPolicy")
                .withFormParam("UserName", equalTo(USER))
                .withFormParam("PolicyArn", equalTo(POLICY)));
        assertThat(result).isEqualTo(new Ensured<>(Outcome.CHANGED, USER_ARN));
    }

    @Test
    void leavesAUserThatExistsWithItsPolicyAlone() {
        stubFor(action("GetUser").willReturn(ok(result("GetUser", user()))));
        stubFor(action("ListAttachedUserPolicies").willReturn(ok(result("ListAttachedUserPolicies",
                attachedPolicies("clearmyrecord-media-access", POLICY)))));

        Ensured<String> result = iam.ensureUser(USER, POLICY, Map.of("cutover", "clearmyrecord"));

        verify(0, requested("CreateUser"));
        verify(0, requested("AttachUserPolicy"));
        assertThat(result).isEqualTo(new Ensured<>(Outcome.ALREADY_DONE, USER_ARN));
    }

    @Test
    void attachesThePolicyToAUserThatExistsWithoutIt() {
        stubFor(action("GetUser").willReturn(ok(result("GetUser", user()))));
        stubFor(action("ListAttachedUserPolicies").willReturn(ok(result("ListAttachedUserPolicies",
                attachedPolicies("ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess")))));
        stubFor(action("AttachUserPolicy").willReturn(ok(empty("AttachUserPolicy"))));

        Ensured<String> result = iam.ensureUser(USER, POLICY, Map.of());

        verify(0, requested("CreateUser"));
        verify(1, requested("AttachUserPolicy").withFormParam("PolicyArn", equalTo(POLICY)));
        assertThat(result.outcome()).isEqualTo(Outcome.CHANGED);
    }

    @Test
    void namesThePolicyIamCannotFind() {
        stubFor(action("GetUser").willReturn(ok(result("GetUser", user()))));
        stubFor(action("ListAttachedUserPolicies").willReturn(ok(result("ListAttachedUserPolicies",
                "<AttachedPolicies/><IsTruncated>false</IsTruncated>"))));
        stubFor(action("AttachUserPolicy").willReturn(noSuchEntity("Policy " + POLICY + " does not exist or is not attachable.")));

        assertThatThrownBy(() -> iam.ensureUser(USER, POLICY, Map.of()))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(POLICY, USER, "does not exist");
    }

    @Test
    void listsAccessKeyIdsOldestFirst() {
        stubFor(action("ListAccessKeys").willReturn(ok(result("ListAccessKeys", accessKeys(
                key(NEW_KEY, "2025-05-20T09:00:00Z"), key(OLD_KEY, "2024-11-02T14:30:00Z"))))));

        List<String> ids = iam.accessKeyIds(USER);

        assertThat(ids).containsExactly(OLD_KEY, NEW_KEY);
        verify(requested("ListAccessKeys").withFormParam("UserName", equalTo(USER)));
    }

    @Test
    void createsAnAccessKeyAndKeepsItsSecretOutOfItsDescription() {
        stubFor(action("ListAccessKeys").willReturn(ok(result("ListAccessKeys",
                accessKeys(key(OLD_KEY, "2024-11-02T14:30:00Z"))))));
        stubFor(action("CreateAccessKey").willReturn(ok(result("CreateAccessKey", """
                <AccessKey>
                  <UserName>%s</UserName>
                  <AccessKeyId>%s</AccessKeyId>
                  <Status>Active</Status>
                  <SecretAccessKey>%s</SecretAccessKey>
                  <CreateDate>2025-06-01T10:00:00Z</CreateDate>
                </AccessKey>
                """.formatted(USER, NEW_KEY, SECRET)))));

        AccessKey key = iam.createAccessKey(USER);

        assertThat(key).isEqualTo(new AccessKey(USER, NEW_KEY, SECRET));
        assertThat(key.toString()).contains(NEW_KEY).doesNotContain(SECRET);
        verify(1, requested("CreateAccessKey").withFormParam("UserName", equalTo(USER)));
    }

    @Test
    void refusesAThirdKeyBeforeAskingIamAndNamesTheOldestToDelete() {
        stubFor(action("ListAccessKeys").willReturn(ok(result("ListAccessKeys", accessKeys(
                key(NEW_KEY, "2025-05-20T09:00:00Z"), key(OLD_KEY, "2024-11-02T14:30:00Z"))))));

        assertThatThrownBy(() -> iam.createAccessKey(USER))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContainingAll(USER, "2 access keys", "delete the oldest (" + OLD_KEY + ")");
        verify(0, requested("CreateAccessKey"));
    }

    @Test
    void deactivatesAKeyThenDeletesIt() {
        stubFor(action("UpdateAccessKey").willReturn(ok(empty("UpdateAccessKey"))));
        stubFor(action("DeleteAccessKey").willReturn(ok(empty("DeleteAccessKey"))));

        iam.deleteAccessKey(USER, OLD_KEY);

        assertThat(actions()).containsExactly("UpdateAccessKey", "DeleteAccessKey");
        verify(requested("UpdateAccessKey")
                .withFormParam("UserName", equalTo(USER))
                .withFormParam("AccessKeyId", equalTo(OLD_KEY))
                .withFormParam("Status", equalTo("Inactive")));
        verify(requested("DeleteAccessKey")
                .withFormParam("UserName", equalTo(USER))
                .withFormParam("AccessKeyId", equalTo(OLD_KEY)));
    }

    @Test
    void deletingAKeyThatIsAlreadyGoneIsFine() {
        stubFor(action("UpdateAccessKey").willReturn(
                noSuchEntity("The Access Key with id " + OLD_KEY + " cannot be found.")));

        iam.deleteAccessKey(USER, OLD_KEY);

        verify(0, requested("DeleteAccessKey"));
    }

    @Test
    void deletesAUserOnlyAfterRemovingWhatWouldBlockIt() {
        stubFor(action("GetUser").willReturn(ok(result("GetUser", user()))));
        stubFor(action("ListAccessKeys").willReturn(ok(result("ListAccessKeys",
                accessKeys(key(OLD_KEY, "2024-11-02T14:30:00Z"))))));
        stubFor(action("DeleteAccessKey").willReturn(ok(empty("DeleteAccessKey"))));
        stubFor(action("ListAttachedUserPolicies").willReturn(ok(result("ListAttachedUserPolicies",
                attachedPolicies("clearmyrecord-media-access", POLICY)))));
        stubFor(action("DetachUserPolicy").willReturn(ok(empty("DetachUserPolicy"))));
        stubFor(action("ListUserPolicies").willReturn(ok(result("ListUserPolicies",
                "<PolicyNames><member>heroku-s3-inline</member></PolicyNames><IsTruncated>false</IsTruncated>"))));
        stubFor(action("DeleteUserPolicy").willReturn(ok(empty("DeleteUserPolicy"))));
        stubFor(action("ListGroupsForUser").willReturn(ok(result("ListGroupsForUser", """
                <Groups>
                  <member>
                    <Path>/</Path>
                    <GroupName>deployers</GroupName>
                    <GroupId>AGPA4IGBHKZTEXAMPLE01</GroupId>
                    <Arn>arn:aws:iam::123456789012:group/deployers</Arn>
                    <CreateDate>2023-01-10T08:00:00Z</CreateDate>
                  </member>
                </Groups>
                <IsTruncated>false</IsTruncated>
                """))));
        stubFor(action("RemoveUserFromGroup").willReturn(ok(empty("RemoveUserFromGroup"))));
        stubFor(action("DeleteLoginProfile").willReturn(
                noSuchEntity("Login Profile for User " + USER + " cannot be found.")));
        stubFor(action("ListMFADevices").willReturn(ok(result("ListMFADevices",
                "<MFADevices/><IsTruncated>false</IsTruncated>"))));
        stubFor(action("ListSigningCertificates").willReturn(ok(result("ListSigningCertificates",
                "<Certificates/><IsTruncated>false</IsTruncated>"))));
        stubFor(action("ListSSHPublicKeys").willReturn(ok(result("ListSSHPublicKeys",
                "<SSHPublicKeys/><IsTruncated>false</IsTruncated>"))));
        stubFor(action("ListServiceSpecificCredentials").willReturn(ok(result("ListServiceSpecificCredentials",
                "<ServiceSpecificCredentials/>"))));
        stubFor(action("DeleteUser").willReturn(ok(empty("DeleteUser"))));

        Ensured<String> result = iam.ensureUserDeleted(USER);

        assertThat(actions()).containsExactly(
                "GetUser",
                "ListAccessKeys", "DeleteAccessKey",
                "ListAttachedUserPolicies", "DetachUserPolicy",
                "ListUserPolicies", "DeleteUserPolicy",
                "ListGroupsForUser", "RemoveUserFromGroup",
                "DeleteLoginProfile",
                "ListMFADevices", "ListSigningCertificates", "ListSSHPublicKeys", "ListServiceSpecificCredentials",
                "DeleteUser");
        verify(requested("DeleteAccessKey").withFormParam("AccessKeyId", equalTo(OLD_KEY)));
        verify(requested("DetachUserPolicy").withFormParam("PolicyArn", equalTo(POLICY)));
        verify(requested("DeleteUserPolicy").withFormParam("PolicyName", equalTo("heroku-s3-inline")));
        verify(requested("RemoveUserFromGroup").withFormParam("GroupName", equalTo("deployers")));
        verify(requested("DeleteUser").withFormParam("UserName", equalTo(USER)));
        assertThat(result).isEqualTo(new Ensured<>(Outcome.CHANGED, USER));
    }

    @Test
    void aUserAlreadyGoneIsAlreadyDeleted() {
        stubFor(action("GetUser").willReturn(noSuchEntity("The user with name " + USER + " cannot be found.")));

        Ensured<String> result = iam.ensureUserDeleted(USER);

        assertThat(result).isEqualTo(new Ensured<>(Outcome.ALREADY_DONE, USER));
        verify(0, requested("DeleteUser"));
    }

    private static MappingBuilder action(String action) {
        return post(urlEqualTo("/"))
                .withFormParam("Action", equalTo(action))
                .withFormParam("Version", equalTo("2010-05-08"));
    }

    private static RequestPatternBuilder requested(String action) {
        return postRequestedFor(urlEqualTo("/"))
                .withHeader("Content-Type", equalToIgnoreCase("application/x-www-form-urlencoded; charset=utf-8"))
                .withFormParam("Action", equalTo(action))
                .withFormParam("Version", equalTo("2010-05-08"));
    }

    /** The actions IAM received, in the order it received them. */
    private static List<String> actions() {
        return findAll(postRequestedFor(urlEqualTo("/"))).stream()
                .map(request -> request.formParameter("Action").firstValue())
                .toList();
    }

    private static ResponseDefinitionBuilder ok(String xml) {
        return aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(xml);
    }

    private static ResponseDefinitionBuilder noSuchEntity(String message) {
        return aResponse().withStatus(404).withHeader("Content-Type", "text/xml").withBody("""
                <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <Error>
                    <Type>Sender</Type>
                    <Code>NoSuchEntity</Code>
                    <Message>%s</Message>
                  </Error>
                  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>
                </ErrorResponse>
                """.formatted(message));
    }

    private static String result(String action, String body) {
        return """
                <%1$sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <%1$sResult>
                %2$s
                  </%1$sResult>
                  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
                </%1$sResponse>
                """.formatted(action, body);
    }

    private static String empty(String action) {
        return """
                <%1$sResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
                  <ResponseMetadata><RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId></ResponseMetadata>
                </%1$sResponse>
                """.formatted(action);
    }

    private static String user() {
        return """
                <User>
                  <Path>/</Path>
                  <UserName>%s</UserName>
                  <UserId>AIDACKCEVSQ6C2EXAMPLE</UserId>
                  <Arn>%s</Arn>
                  <CreateDate>2025-05-30T16:00:00Z</CreateDate>
                </User>
                """.formatted(USER, USER_ARN);
    }

    private static String attachedPolicies(String name, String arn) {
        return """
                <AttachedPolicies>
                  <member>
                    <PolicyName>%s</PolicyName>
                    <PolicyArn>%s</PolicyArn>
                  </member>
                </AttachedPolicies>
                <IsTruncated>false</IsTruncated>
                """.formatted(name, arn);
    }

    private static String accessKeys(String... keys) {
        return "<UserName>" + USER + "</UserName><AccessKeyMetadata>" + String.join("", keys)
                + "</AccessKeyMetadata><IsTruncated>false</IsTruncated>";
    }

    private static String key(String id, String created) {
        return """
                <member>
                  <UserName>%s</UserName>
                  <AccessKeyId>%s</AccessKeyId>
                  <Status>Active</Status>
                  <CreateDate>%s</CreateDate>
                </member>
                """.formatted(USER, id, created);
    }
}
