package dev.cutover.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started Cutover where to log in and where the password is (never the password). */
@Component
class LoginHint {

    private static final Logger log = LoggerFactory.getLogger(LoginHint.class);

    private final AccessSettings settings;
    private final Environment environment;

    LoginHint(AccessSettings settings, Environment environment) {
        this.settings = settings;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void tell() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        String path = environment.getProperty("camunda.bpm.webapp.application-path", "/camunda");
        String where = AdminPassword.given(settings).isPresent()
                ? "the password in CUTOVER_ADMIN_PASSWORD"
                : "the password in " + settings.adminPasswordFile().toAbsolutePath() + " (readable only by you)";
        log.info("Cutover is ready: log in at http://localhost:{}{}/app/tasklist/ as '{}' with {}",
                port, path, settings.adminUser(), where);
    }
}
