package dev.cutover.rehearsal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the simulated world behaves: how long its slow things take, where its DNS answers, and the
 * file holding the key that seals the secrets it keeps ({@link WorldSeal}).
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
        @NotNull @DefaultValue("data/rehearsal-world.key") Path sealKeyFile) {}
