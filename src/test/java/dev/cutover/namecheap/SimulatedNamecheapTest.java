package dev.cutover.namecheap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.SimulatedLatency;
import dev.cutover.rehearsal.SimulatedOutage;
import dev.cutover.rehearsal.WorldStore;
import dev.cutover.step.Ensured;
import dev.cutover.step.StepFailedException;
import dev.cutover.support.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The twin as the runbook finds the zone, on the world store alone (no engine). */
class SimulatedNamecheapTest {

    private static final String ZONE = "codeforamerica.org";
    private static final String HOST = "clearmyrecord";

    @Configuration
    @EnableConfigurationProperties({MigrationPlan.class, RehearsalSettings.class})
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class, ValidationAutoConfiguration.class})
    @Import({WorldStore.class, Faults.class, SimulatedNamecheap.class})
    static class WorldOnly {
        /** A slowed call's wait, written down instead of waited. */
        @Bean
        RecordedLatency latency() {
            return new RecordedLatency();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(Instant.parse("2025-03-03T09:00:00Z"), ZoneOffset.UTC);
        }
    }

    private static ConfigurableApplicationContext context;

    static class RecordedLatency extends SimulatedLatency {
        final List<Duration> waited = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void pause(Duration delay) {
            waited.add(delay);
        }
    }

    private SimulatedNamecheap namecheap;
    private Faults faults;

    @BeforeAll
    static void startTheWorld() {
        context = new SpringApplicationBuilder(WorldOnly.class)
                .web(WebApplicationType.NONE)
                .profiles("rehearsal")
                .initializers(new TestDatabase())
                .properties("spring.main.banner-mode=off")
                .run();
    }

    @AfterAll
    static void stopTheWorld() {
        context.close();
    }

    @BeforeEach
    void freshWorld() {
        context.getBean(WorldStore.class).reset();
        namecheap = context.getBean(SimulatedNamecheap.class);
        faults = context.getBean(Faults.class);
    }

    @Test
    void namecheapSlowedToThreeSecondsPerCallTakesThemForTheArmedCallsOnlyAndStillAnswers() {
        RecordedLatency latency = context.getBean(RecordedLatency.class);
        latency.waited.clear();
        faults.arm("namecheap.slow", 2, Duration.ofSeconds(3));

        List<HostRecord> first = namecheap.hosts(ZONE);
        namecheap.hosts(ZONE);
        namecheap.hosts(ZONE);

        assertThat(first).isNotEmpty();
        assertThat(latency.waited).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(faults.view()).isEqualTo(Map.of());
    }

    @Test
    void aSlowFaultNeedsADelayOfAtMostAMinuteAndOnlyASlowFaultTakesOne() {
        assertThatThrownBy(() -> faults.arm("namecheap.slow", 1, null)).hasMessageContaining("needs a delay");
        assertThatThrownBy(() -> faults.arm("namecheap.slow", 1, Duration.ofMinutes(2))).hasMessageContaining("60 s");
        assertThatThrownBy(() -> faults.arm("namecheap.outage", 1, Duration.ofSeconds(3)))
                .hasMessageContaining("a delay goes with a '<system>.slow' target");
        assertThat(faults.view()).isEqualTo(Map.of());

        faults.arm("rds.password.slow", 1);

        assertThat(faults.view()).as("a fault of its own, not a slowed system").isEqualTo(Map.of("rds.password.slow", 1));
    }

    @Test
    void theZoneHoldsTheOrganisationsRecords_withTheOldNameOnHerokuAtSixtySeconds() {
        List<HostRecord> zone = namecheap.hosts(ZONE);

        assertThat(zone).hasSizeGreaterThanOrEqualTo(12);
        assertThat(zone).extracting(HostRecord::type).contains("A", "CNAME", "MX", "TXT", "URL301");
        assertThat(ZoneEdit.recordsOf(HOST, zone))
                .containsExactly(new HostRecord(HOST, "CNAME", "clearmyrecord.herokudns.com.", 10, 60));
    }

    @Test
    void ensureTtl_isAlreadyDone_asTheRunbookSays() {
        List<HostRecord> before = namecheap.hosts(ZONE);

        Ensured<ZoneChange> ensured = namecheap.ensureTtl(ZONE, HOST, 60);

        assertThat(ensured.changed()).isFalse();
        assertThat(ensured.value().after()).isEqualTo(before);
        assertThat(namecheap.hosts(ZONE)).isEqualTo(before);
    }

    @Test
    void ensurePermanentRedirect_changesOnlyTheOldName_andRestoreHostBringsItBack() {
        List<HostRecord> before = namecheap.hosts(ZONE);
        List<HostRecord> oldName = ZoneEdit.recordsOf(HOST, before);

        Ensured<ZoneChange> redirected = namecheap.ensurePermanentRedirect(ZONE, HOST,
                "https://www.clearmyrecord.org", 60);
        Ensured<ZoneChange> again = namecheap.ensurePermanentRedirect(ZONE, HOST,
                "https://www.clearmyrecord.org", 60);

        assertThat(redirected.changed()).isTrue();
        assertThat(again.changed()).isFalse();
        List<HostRecord> after = namecheap.hosts(ZONE);
        assertThat(ZoneEdit.recordsOf(HOST, after))
                .containsExactly(new HostRecord(HOST, "URL301", "https://www.clearmyrecord.org", 10, 60));
        assertThat(after.stream().filter(record -> !record.name().equals(HOST)))
                .containsExactlyElementsOf(before.stream().filter(record -> !record.name().equals(HOST)).toList());

        Ensured<ZoneChange> restored = namecheap.restoreHost(ZONE, HOST, oldName);

        assertThat(restored.changed()).isTrue();
        assertThat(namecheap.hosts(ZONE)).isEqualTo(before);
    }

    @Test
    void restoreHost_isRefused_andTheZoneKept_whenTheRecordsWouldTouchAnotherHost() {
        List<HostRecord> before = namecheap.hosts(ZONE);

        assertThatThrownBy(() -> namecheap.restoreHost(ZONE, HOST,
                List.of(new HostRecord("www", "CNAME", "clearmyrecord.herokudns.com.", 10, 60))))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("added www CNAME clearmyrecord.herokudns.com.");
        assertThat(namecheap.hosts(ZONE)).isEqualTo(before);
    }

    @Test
    void anArmedError_answersLikeTheApi_andAnOutageIsTransient() {
        faults.arm("namecheap.error", 1);
        faults.arm("namecheap.outage", 1);

        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60)).isInstanceOf(SimulatedOutage.class);
        assertThatThrownBy(() -> namecheap.ensureTtl(ZONE, HOST, 60))
                .isInstanceOf(StepFailedException.class)
                .hasMessageContaining("Namecheap answered ERROR (error 2030166");
        assertThat(namecheap.ensureTtl(ZONE, HOST, 60).changed()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void view_showsTheZonesRecords() {
        Map<String, Map<String, Object>> view = (Map<String, Map<String, Object>>) namecheap.view();

        assertThat(view.get(ZONE)).containsEntry("emailType", "MX");
        assertThat((List<Object>) view.get(ZONE).get("records")).contains(
                Map.<String, Object>of("name", HOST, "type", "CNAME", "address", "clearmyrecord.herokudns.com.", "ttl", 60));
    }
}
