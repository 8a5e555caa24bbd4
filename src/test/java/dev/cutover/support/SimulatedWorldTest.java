package dev.cutover.support;

import dev.cutover.plan.MigrationPlan;
import dev.cutover.rehearsal.Faults;
import dev.cutover.rehearsal.SimulatedLatency;
import dev.cutover.rehearsal.RehearsalSettings;
import dev.cutover.rehearsal.WorldSeal;
import dev.cutover.rehearsal.WorldStore;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The simulated world without the engine: the plan, the world store on a database of its own,
 * faults, the seal (its key in a temporary file, see {@link TestDatabase}) and a {@link WorldClock}.
 * A test adds the twins it exercises with {@code @Import}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(classes = SimulatedWorldTest.World.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("rehearsal")
@ContextConfiguration(initializers = TestDatabase.class)
public @interface SimulatedWorldTest {

    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class})
    @EnableConfigurationProperties({MigrationPlan.class, RehearsalSettings.class})
    @Import({WorldStore.class, Faults.class, SimulatedLatency.class, WorldSeal.class})
    // not a @Configuration: the application's component scan (in the engine tests) must pass it by
    class World {

        @Bean
        WorldClock worldClock() {
            return new WorldClock();
        }
    }

    /**
     * The world's clock, moved by the test. Unlike {@link TestClock} it leaves the engine's static
     * {@code ClockUtil} alone, which engine tests later in the same JVM rely on.
     */
    class WorldClock extends Clock {

        private Instant now = Instant.now();

        public synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public synchronized Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
