package dev.cutover.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may do what ({@code cutover.access.*}): the groups, what each is granted, and where the
 * admin's password comes from ({@code CUTOVER_ADMIN_PASSWORD}, else a generated file in rehearsal).
 */
@Validated
@ConfigurationProperties("cutover.access")
public record AccessSettings(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("data/admin-password") Path adminPasswordFile,
        @DefaultValue Map<String, String> groups,
        @DefaultValue List<@Valid Grant> grants) {

    /** {@code permissions} on {@code resource} (a name of Camunda's Resources: TASK, APPLICATION, …). */
    public record Grant(@NotBlank String group, @NotBlank String resource, @DefaultValue("*") String resourceId,
            @NotEmpty List<String> permissions) {}
}
