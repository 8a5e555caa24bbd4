package dev.cutover.rehearsal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the simulated world behaves: how long its slow things take ({@code world-waits} scales the
 * fixed ones, {@code call-latency} is added to every call), where its DNS answers, the file
 * holding the key that seals the secrets it keeps ({@link WorldSeal}), and whether faults that
 * halt this JVM may be armed ({@code crash-faults}, off: only a crash test turns it on).
 */
@Validated
@ConfigurationProperties("cutover.rehearsal")
public record RehearsalSettings(
        @NotNull @DefaultValue("PT6S") Duration snapshotTakes,
        @NotNull @DefaultValue("PT1S") Duration jobQueuedFor,
        @NotNull @DefaultValue("PT6S") Duration jobRunsFor,
        @NotNull @DefaultValue("PT10S") Duration siteAppearsAfter,
        @Min(value = 1, message = "must be a port from 1 to 65535")
        @Max(value = 65535, message = "must be a port from 1 to 65535") @DefaultValue("10053") int dnsPort,
        @NotNull @DefaultValue("data/rehearsal-world.key") Path sealKeyFile,
        @PositiveOrZero(message = "must be 0 (the world answers at once) or more")
        @DefaultValue("1") double worldWaits,
        @NotNull @DefaultValue("PT0S") Duration callLatency,
        @DefaultValue("false") boolean crashFaults) {

    /**
     * A wait of the world's own (a Route53 change propagating, a certificate being issued, an
     * update in progress) as this rehearsal paces it: {@code world-waits} times its usual length,
     * 0 for a world that answers at once (the engine's benchmarks).
     */
    public Duration paced(Duration usual) {
        return worldWaits == 1 ? usual : Duration.ofNanos(Math.round(usual.toNanos() * worldWaits));
    }
}
