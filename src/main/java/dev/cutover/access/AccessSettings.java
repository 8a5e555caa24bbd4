package dev.cutover.access;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who may do what ({@code cutover.access.*}): the groups, what each is granted, the people in them,
 * and where the admin's password comes from ({@code CUTOVER_ADMIN_PASSWORD}, else a generated file in rehearsal).
 */
@Validated
@ConfigurationProperties("cutover.access")
public record AccessSettings(
        @DefaultValue("admin") String adminUser,
        String adminPassword,
        @DefaultValue("data/admin-password") Path adminPasswordFile,
        @DefaultValue Map<String, String> groups,
        @DefaultValue List<@Valid Grant> grants,
        @DefaultValue List<@Valid Person> users) {

    /** {@code permissions} on {@code resource} (a name of Camunda's Resources: TASK, APPLICATION, …). */
    public record Grant(@NotBlank String group, @NotBlank String resource, @DefaultValue("*") String resourceId,
            @NotEmpty List<String> permissions) {}

    /**
     * A person who works a cutover: their user id, name and groups. The password is never here: it is
     * {@code CUTOVER_PASSWORD_<ID>} in the environment ({@link #passwordVariable()}); without it the
     * user is not created.
     */
    public record Person(
            @NotBlank @Pattern(regexp = "[a-zA-Z0-9]+", message = "must be letters and digits (the engine's user ids)")
            String id,
            @NotBlank String name,
            @NotEmpty List<@NotBlank String> groups) {

        /** The environment variable holding the person's password: CUTOVER_PASSWORD_ANA for ana. */
        public String passwordVariable() {
            return "CUTOVER_PASSWORD_" + id.toUpperCase(java.util.Locale.ROOT);
        }
    }
}
