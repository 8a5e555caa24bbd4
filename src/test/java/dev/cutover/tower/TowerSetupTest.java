package dev.cutover.tower;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.jsonResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.verify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.cutover.aws.iam.AccessKey;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Before Day 0 steps on AWX: the prod inventory, the "run zappa command" template, the AWS credential. */
@WireMockTest
class TowerSetupTest {

    private static final String TOKEN = "dXNlci10b2tlbi1mb3ItY3V0b3Zlcg";
    private static final String BEARER = "Bearer " + TOKEN;

    private static final String ORGANIZATION = "Code for America";
    private static final String INVENTORY = "clearmyrecord prod";
    private static final Map<String, Object> VARIABLES = Map.of("stage", "production");
    private static final String TEMPLATE = "clearmyrecord run zappa command prod";
    private static final String PROJECT = "clearmyrecord";
    private static final String PLAYBOOK = "zappa_command.yml";
    private static final String CREDENTIAL = "clearmyrecord AWS prod";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY";
    private static final AccessKey KEY = new AccessKey("clearmyrecord-tower", "AKIAIOSFODNN7EXAMPLE", SECRET);

    private static final String ORGANIZATIONS = "/api/v2/organizations/";
    private static final String INVENTORIES = "/api/v2/inventories/";
    private static final String PROJECTS = "/api/v2/projects/";
    private static final String TEMPLATES = "/api/v2/job_templates/";
    private static final String CREDENTIAL_TYPES = "/api/v2/credential_types/";
    private static final String CREDENTIALS = "/api/v2/credentials/";

    private TowerAdapter tower;

    @BeforeEach
    void connectToAwx(WireMockRuntimeInfo awx) {
        tower = TowerAdapter.create(URI.create(awx.getHttpBaseUrl()), TOKEN);
    }

    @Test
    void ensureInventory_createsItInTheOrganizationWithTheVariables_whenMissing() {
        givenOrganization();
        givenInventories();
        stubFor(post(INVENTORIES).willReturn(jsonResponse(inventoryJson(12, "{\"stage\": \"production\"}"), 201)));

        Ensured<Long> inventory = tower.ensureInventory(INVENTORY, ORGANIZATION, VARIABLES);

        assertThat(inventory).isEqualTo(Ensured.changed(12L));
        verify(getRequestedFor(urlPathEqualTo(ORGANIZATIONS)).withQueryParam("name", equalTo(ORGANIZATION))
                .withHeader("Authorization", equalTo(BEARER)));
        verify(getRequestedFor(urlPathEqualTo(INVENTORIES)).withQueryParam("name", equalTo(INVENTORY))
                .withQueryParam("organization", equalTo("1")));
        verify(postRequestedFor(urlPathEqualTo(INVENTORIES))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.name", equalTo(INVENTORY)))
                .withRequestBody(matchingJsonPath("$.organization", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.variables", equalToJson("{\"stage\": \"production\"}"))));
    }

    @Test
    void ensureInventory_changesNothing_whenItsYamlVariablesMeanTheSame() {
        givenOrganization();
        givenInventories(inventoryJson(12, "---\\nstage: production\\n"));

        Ensured<Long> inventory = tower.ensureInventory(INVENTORY, ORGANIZATION, VARIABLES);

        assertThat(inventory).isEqualTo(Ensured.alreadyDone(12L));
        verify(0, postRequestedFor(anyUrl()));
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void ensureInventory_replacesTheVariables_whenTheyDiffer() {
        givenOrganization();
        givenInventories(inventoryJson(12, "---\\nstage: staging"));
        stubFor(patch(INVENTORIES + "12/").willReturn(okJson(inventoryJson(12, "{\"stage\": \"production\"}"))));

        Ensured<Long> inventory = tower.ensureInventory(INVENTORY, ORGANIZATION, VARIABLES);

        assertThat(inventory).isEqualTo(Ensured.changed(12L));
        verify(patchRequestedFor(urlPathEqualTo(INVENTORIES + "12/"))
                .withRequestBody(matchingJsonPath("$.variables", equalToJson("{\"stage\": \"production\"}"))));
        verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void ensureInventory_failsNamingTheOrganization_whenAwxHasNone() {
        stubFor(get(urlPathEqualTo(ORGANIZATIONS)).willReturn(okJson(page())));

        assertThatThrownBy(() -> tower.ensureInventory(INVENTORY, ORGANIZATION, VARIABLES))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AWX has no organization named 'Code for America'");
        verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void ensureJobTemplate_createsItPromptingForVariables_whenMissing() {
        givenProjectAndInventory();
        givenTemplates();
        stubFor(post(TEMPLATES).willReturn(jsonResponse(templateJson(21, PLAYBOOK), 201)));

        Ensured<Long> template = tower.ensureJobTemplate(TEMPLATE, PROJECT, PLAYBOOK, INVENTORY);

        assertThat(template).isEqualTo(Ensured.changed(21L));
        verify(postRequestedFor(urlPathEqualTo(TEMPLATES))
                .withHeader("Authorization", equalTo(BEARER))
                .withRequestBody(equalToJson("""
                        {"name": "clearmyrecord run zappa command prod", "job_type": "run", "inventory": 12,
                         "project": 5, "playbook": "zappa_command.yml", "ask_variables_on_launch": true}""")));
    }

    @Test
    void ensureJobTemplate_patchesOnlyThePlaybook_whenThatIsAllThatDiffers() {
        givenProjectAndInventory();
        givenTemplates(templateJson(21, "zappa_manage.yml"));
        stubFor(patch(TEMPLATES + "21/").willReturn(okJson(templateJson(21, PLAYBOOK))));

        Ensured<Long> template = tower.ensureJobTemplate(TEMPLATE, PROJECT, PLAYBOOK, INVENTORY);

        assertThat(template).isEqualTo(Ensured.changed(21L));
        verify(patchRequestedFor(urlPathEqualTo(TEMPLATES + "21/"))
                .withRequestBody(equalToJson("{\"playbook\": \"zappa_command.yml\"}")));
        verify(0, postRequestedFor(anyUrl()));
    }

    @Test
    void ensureJobTemplate_changesNothing_whenItRunsThatPlaybookAlready() {
        givenProjectAndInventory();
        givenTemplates(templateJson(21, PLAYBOOK));

        Ensured<Long> template = tower.ensureJobTemplate(TEMPLATE, PROJECT, PLAYBOOK, INVENTORY);

        assertThat(template).isEqualTo(Ensured.alreadyDone(21L));
        verify(0, postRequestedFor(anyUrl()));
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void ensureJobTemplate_failsNamingTheProject_whenAwxHasNone() {
        stubFor(get(urlPathEqualTo(PROJECTS)).willReturn(okJson(page())));

        assertThatThrownBy(() -> tower.ensureJobTemplate(TEMPLATE, PROJECT, PLAYBOOK, INVENTORY))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AWX has no project named 'clearmyrecord'");
    }

    @Test
    void updateAwsCredential_patchesTheKeyIdAndSecretIntoTheInputs() {
        givenAwsType();
        givenCredentials(credentialJson(9, 5, "Amazon Web Services"));
        stubFor(patch(CREDENTIALS + "9/").willReturn(okJson(credentialJson(9, 5, "Amazon Web Services"))));

        tower.updateAwsCredential(CREDENTIAL, KEY);

        verify(getRequestedFor(urlPathEqualTo(CREDENTIAL_TYPES)).withQueryParam("namespace", equalTo("aws")));
        verify(getRequestedFor(urlPathEqualTo(CREDENTIALS)).withQueryParam("name", equalTo(CREDENTIAL)));
        verify(patchRequestedFor(urlPathEqualTo(CREDENTIALS + "9/"))
                .withHeader("Authorization", equalTo(BEARER))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.inputs.username", equalTo("AKIAIOSFODNN7EXAMPLE")))
                .withRequestBody(matchingJsonPath("$.inputs.password", equalTo(SECRET)))
                .withRequestBody(matchingJsonPath("$.inputs.security_token", absent())));
    }

    @Test
    void updateAwsCredential_keepsTheSecretOutOfTheMessage_whenAwxRefusesTheInputs() {
        givenAwsType();
        givenCredentials(credentialJson(9, 5, "Amazon Web Services"));
        stubFor(patch(CREDENTIALS + "9/").willReturn(jsonResponse("""
                {"inputs": {"password": ["'%s' is not a valid secret key."]}}""".formatted(SECRET), 400)));

        assertThatThrownBy(() -> tower.updateAwsCredential(CREDENTIAL, KEY))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("AWX credential 'clearmyrecord AWS prod'")
                .hasMessageContaining("400 Bad Request")
                .hasMessageContaining("inputs.password")
                .hasMessageNotContaining(SECRET)
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void updateAwsCredential_keepsTheSecretOutOfTheMessage_whenAwxFailsOnItsSide() {
        givenAwsType();
        givenCredentials(credentialJson(9, 5, "Amazon Web Services"));
        stubFor(patch(CREDENTIALS + "9/").willReturn(jsonResponse("""
                {"error": "could not encrypt %s"}""".formatted(SECRET), 500)));

        assertThatThrownBy(() -> tower.updateAwsCredential(CREDENTIAL, KEY))
                .isInstanceOf(TowerUnavailableException.class)
                .hasMessageContaining("500 Internal Server Error")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void updateAwsCredential_refusesACredentialOfAnotherType() {
        givenAwsType();
        givenCredentials(credentialJson(9, 2, "Source Control"));

        assertThatThrownBy(() -> tower.updateAwsCredential(CREDENTIAL, KEY))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("is of type 'Source Control' (id 9), not \"Amazon Web Services\"");
        verify(0, patchRequestedFor(anyUrl()));
    }

    @Test
    void awsCredentialKeyId_isTheUsernameInput() {
        givenAwsType();
        givenCredentials(credentialJson(9, 5, "Amazon Web Services"));

        assertThat(tower.awsCredentialKeyId(CREDENTIAL)).isEqualTo("AKIAREHEARSALTOWER01");
    }

    @Test
    void credentialInputs_showNoValues_whenTheHttpClientLogsTheBody() {
        TowerAdapter.CredentialInputs inputs = new TowerAdapter.CredentialInputs(
                Map.of("username", KEY.accessKeyId(), "password", SECRET));

        assertThat(inputs.toString()).doesNotContain(SECRET).contains("password").contains("withheld");
    }

    private static void givenOrganization() {
        stubFor(get(urlPathEqualTo(ORGANIZATIONS)).withQueryParam("name", equalTo(ORGANIZATION)).willReturn(okJson(page("""
                {"id": 1, "type": "organization", "url": "/api/v2/organizations/1/", "name": "Code for America",
                 "description": "", "max_hosts": 0, "custom_virtualenv": null, "default_environment": null}"""))));
    }

    private static void givenInventories(String... inventories) {
        stubFor(get(urlPathEqualTo(INVENTORIES)).withQueryParam("name", equalTo(INVENTORY))
                .willReturn(okJson(page(inventories))));
    }

    private static void givenProjectAndInventory() {
        stubFor(get(urlPathEqualTo(PROJECTS)).withQueryParam("name", equalTo(PROJECT)).willReturn(okJson(page("""
                {"id": 5, "type": "project", "url": "/api/v2/projects/5/", "name": "clearmyrecord",
                 "scm_type": "git", "scm_url": "https://github.com/codeforamerica/clearmyrecord-deploy",
                 "scm_branch": "main", "status": "successful", "organization": 1}"""))));
        givenInventories(inventoryJson(12, "{\"stage\": \"production\"}"));
    }

    private static void givenTemplates(String... templates) {
        stubFor(get(urlPathEqualTo(TEMPLATES)).withQueryParam("name", equalTo(TEMPLATE))
                .willReturn(okJson(page(templates))));
    }

    private static void givenAwsType() {
        stubFor(get(urlPathEqualTo(CREDENTIAL_TYPES)).withQueryParam("namespace", equalTo("aws")).willReturn(okJson(page("""
                {"id": 5, "type": "credential_type", "url": "/api/v2/credential_types/5/",
                 "name": "Amazon Web Services", "description": "", "kind": "cloud", "namespace": "aws",
                 "managed": true,
                 "inputs": {"fields": [{"id": "username", "label": "Access Key", "type": "string"},
                                       {"id": "password", "label": "Secret Key", "type": "string", "secret": true},
                                       {"id": "security_token", "label": "STS Token", "type": "string", "secret": true}],
                            "required": ["username", "password"]},
                 "injectors": {}}"""))));
    }

    private static void givenCredentials(String... credentials) {
        stubFor(get(urlPathEqualTo(CREDENTIALS)).withQueryParam("name", equalTo(CREDENTIAL))
                .willReturn(okJson(page(credentials))));
    }

    private static String page(String... results) {
        return """
                {"count": %d, "next": null, "previous": null, "results": [%s]}"""
                .formatted(results.length, String.join(", ", results));
    }

    private static String inventoryJson(long id, String variables) {
        return """
                {
                  "id": %1$d, "type": "inventory", "url": "/api/v2/inventories/%1$d/",
                  "summary_fields": {"organization": {"id": 1, "name": "Code for America", "description": ""}},
                  "created": "2025-02-20T14:02:11.482913Z", "modified": "2025-02-20T14:02:11.482930Z",
                  "name": "clearmyrecord prod", "description": "", "organization": 1, "kind": "",
                  "host_filter": null, "variables": "%2$s", "has_active_failures": false, "total_hosts": 0,
                  "hosts_with_active_failures": 0, "total_groups": 0, "has_inventory_sources": false,
                  "total_inventory_sources": 0, "inventory_sources_with_failures": 0, "pending_deletion": false,
                  "prevent_instance_group_fallback": false
                }""".formatted(id, variables.replace("\"", "\\\""));
    }

    private static String templateJson(long id, String playbook) {
        return """
                {
                  "id": %1$d, "type": "job_template", "url": "/api/v2/job_templates/%1$d/",
                  "summary_fields": {
                    "organization": {"id": 1, "name": "Code for America"},
                    "inventory": {"id": 12, "name": "clearmyrecord prod"},
                    "project": {"id": 5, "name": "clearmyrecord", "status": "successful", "scm_type": "git"}
                  },
                  "name": "clearmyrecord run zappa command prod", "description": "", "job_type": "run",
                  "inventory": 12, "project": 5, "playbook": "%2$s", "scm_branch": "", "forks": 0,
                  "limit": "", "verbosity": 0, "extra_vars": "", "ask_variables_on_launch": true,
                  "survey_enabled": false, "status": "never updated"
                }""".formatted(id, playbook);
    }

    private static String credentialJson(long id, long typeId, String typeName) {
        return """
                {
                  "id": %1$d, "type": "credential", "url": "/api/v2/credentials/%1$d/",
                  "summary_fields": {
                    "organization": {"id": 1, "name": "Code for America", "description": ""},
                    "credential_type": {"id": %2$d, "name": "%3$s", "description": ""},
                    "user_capabilities": {"edit": true, "delete": true, "copy": true, "use": true}
                  },
                  "created": "2025-02-18T10:12:40.118093Z", "modified": "2025-02-18T10:12:40.118110Z",
                  "name": "clearmyrecord AWS prod", "description": "", "organization": 1,
                  "credential_type": %2$d, "managed": false,
                  "inputs": {"username": "AKIAREHEARSALTOWER01", "password": "$encrypted$", "security_token": "$encrypted$"},
                  "kind": "%4$s", "cloud": %5$s, "kubernetes": false
                }""".formatted(id, typeId, typeName, typeId == 5 ? "aws" : "scm", typeId == 5);
    }
}
