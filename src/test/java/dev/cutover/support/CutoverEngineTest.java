package dev.cutover.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestExecutionListeners;

/**
 * The application in rehearsal, serving on a free port of its own (the rehearsal's simulated sites
 * are real HTTP), on a database of its own (H2, or PostgreSQL with -Ppostgres), the
 * job executor off so that a test drives every job itself ({@link Jobs}), one clock for the engine
 * and the world ({@link TestClock}), and process-test coverage written to target/.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("engine")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false",
        "cutover.access.admin-password=rehearsal-admin-password",
        // the live systems' tokens, unused in rehearsal: a secret scan proves none of them leaks anywhere
        "cutover.tower.token=rehearsal-tower-token-5f0c1e",
        "cutover.heroku.token=rehearsal-heroku-token-8d2a7b",
        "cutover.namecheap.api-key=rehearsal-namecheap-key-3b9e04",
        "cutover.mailgun.api-key=rehearsal-mailgun-key-c71d55",
        "cutover.pingdom.token=rehearsal-pingdom-token-e2f816",
        "cutover.github.token=rehearsal-github-token-94ab3c",
        "cutover.twilio.auth-token=rehearsal-twilio-token-07cd9e"
})
@ActiveProfiles("rehearsal")
@ContextConfiguration(initializers = TestDatabase.class)
@Import({TestSupportConfiguration.class, ProcessEngineCoverageConfiguration.class})
@TestExecutionListeners(listeners = {ProcessEngineCoverageTestExecutionListener.class, ActiveEngine.class},
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public @interface CutoverEngineTest {
}
