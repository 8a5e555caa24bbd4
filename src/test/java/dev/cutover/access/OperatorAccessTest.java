package dev.cutover.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.ledger.Ledger;
import dev.cutover.ledger.StepRecord;
import dev.cutover.step.Outcome;
import dev.cutover.support.CutoverEngineTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@CutoverEngineTest
class OperatorAccessTest {

    @LocalServerPort int port;
    @Autowired IdentityService identity;
    @Autowired FilterService filters;
    @Autowired Ledger ledger;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theRestApiWithoutCredentialsAnswers401() throws Exception {
        HttpResponse<String> response = get("/engine-rest/process-definition", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"default\"");
    }

    @Test
    void theRehearsalApiWithoutCredentialsAnswers401() throws Exception {
        assertThat(get("/api/rehearsal/world", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theAdminWithThePasswordFromTheEnvironmentReadsTheDeployedPhases() throws Exception {
        HttpResponse<String> response = get("/engine-rest/process-definition?key=day-0",
                "admin:rehearsal-admin-password");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"key\":\"day-0\"");
    }

    @Test
    void noDemoUserExists() throws Exception {
        assertThat(identity.createUserQuery().userId("demo").count()).isZero();
        assertThat(get("/engine-rest/process-definition", "demo:demo").statusCode()).isEqualTo(401);
    }

    @Test
    void operatorsAndLeadsHaveTheirGroupsAndTasklistFilters() {
        assertThat(identity.createGroupQuery().groupIdIn("cutover-operators", "cutover-leads").count()).isEqualTo(2);
        assertThat(identity.createUserQuery().memberOfGroup("cutover-leads").userId("admin").count()).isEqualTo(1);
        assertThat(filters.createFilterQuery().filterName("Cutover operators").count()).isEqualTo(1);
        assertThat(filters.createFilterQuery().filterName("Cutover leads").count()).isEqualTo(1);
    }

    @Test
    void anAuditorReadsARunsLedgerWithCredentialsOnly() throws Exception {
        ledger.record(new StepRecord("audit-1", "day-0", "Run snapshot on prod", "runSnapshotOnProd", Outcome.CHANGED,
                "snapshot requested", Map.of("snapshotId", "cutover-audit-1-day-0"), null));

        HttpResponse<String> anonymous = get("/api/runs/audit-1/ledger", null);
        HttpResponse<String> admin = get("/api/runs/audit-1/ledger", "admin:rehearsal-admin-password");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"step\" : \"Run snapshot on prod\"")
                .contains("\"outcome\" : \"changed\"").contains("cutover-audit-1-day-0");
    }

    @Test
    void healthIsOpenForProbes() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("UP");
    }

    private HttpResponse<String> get(String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
