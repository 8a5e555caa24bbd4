package dev.cutover.aws.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.SecretScan;
import dev.cutover.support.SimulatedWorldTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@SimulatedWorldTest
@Import(SimulatedSecretStore.class)
class SimulatedSecretStoreTest {

    private static final String NAME = "cutover/clearmyrecord/db-password";
    private static final String FIRST = "first-Secret-value-1!";
    private static final String SECOND = "second-Secret-value-2#";

    @Autowired SimulatedSecretStore secrets;
    @Autowired WorldStore world;
    @Autowired Faults faults;
    @Autowired DataSource dataSource;

    @BeforeEach
    void emptyStore() {
        world.reset();
    }

    @Test
    void keepsEachValueAsTheNewCurrentVersionUnderOneArn() {
        String created = secrets.keep(NAME, FIRST);
        String updated = secrets.keep(NAME, SECOND);

        assertThat(created).isEqualTo("arn:aws:secretsmanager:us-east-1:123456789012:secret:" + NAME + "-AbCdEf");
        assertThat(updated).isEqualTo(created);
        assertThat(secrets.read(NAME)).isEqualTo(SECOND);
        assertThat(secrets.read(created)).isEqualTo(SECOND);
    }

    @Test
    void keepsEveryVersionSealed() throws Exception {
        secrets.keep(NAME, FIRST);
        secrets.keep(NAME, SECOND);

        JsonNode versions = world.stored().get(SimulatedSecretStore.SYSTEM)
                .at("/secrets/" + NAME.replace("/", "~1") + "/versions");

        assertThat(versions).hasSize(2).allSatisfy(version -> assertThat(version.asText()).startsWith("sealed:v1:"));
        assertThat(SecretScan.findIn(dataSource, List.of(FIRST, SECOND))).isEmpty();
    }

    @Test
    void showsNamesArnsAndVersionCountsButNeverAValue() {
        String arn = secrets.keep(NAME, FIRST);
        secrets.keep(NAME, SECOND);

        JsonNode view = world.toTree(secrets.view());

        assertThat(view.at("/secrets/" + NAME.replace("/", "~1") + "/arn").asText()).isEqualTo(arn);
        assertThat(view.at("/secrets/" + NAME.replace("/", "~1") + "/versions").asInt()).isEqualTo(2);
        assertThat(view.toString()).doesNotContain(FIRST, SECOND);
    }

    @Test
    void namesASecretItDoesNotHave() {
        assertThatThrownBy(() -> secrets.read(NAME))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining(NAME);
    }

    @Test
    void makesRandomPasswordsRdsAccepts() {
        Set<String> passwords = Stream.generate(() -> secrets.randomPassword(32)).limit(50)
                .collect(Collectors.toSet());

        assertThat(passwords).hasSize(50).allSatisfy(password -> assertThat(password)
                .hasSize(32)
                .doesNotContainAnyWhitespaces()
                .doesNotContain("/", "@", "\"", "'", "\\")
                .containsPattern("[A-Z]").containsPattern("[a-z]").containsPattern("[0-9]")
                .containsPattern("[^A-Za-z0-9]"));
    }

    @Test
    void anOutageFailsTheNextCallOnly() {
        faults.arm("secrets.outage", 1);

        assertThatThrownBy(() -> secrets.keep(NAME, FIRST)).isInstanceOf(SimulatedOutage.class);
        assertThat(secrets.keep(NAME, FIRST)).endsWith(NAME + "-AbCdEf");
    }
}
