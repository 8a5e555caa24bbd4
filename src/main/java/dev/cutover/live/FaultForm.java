package dev.cutover.live;

import dev.cutover.access.PageAccess;
import dev.cutover.rehearsal.Faults;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The live page's fault forms (a plain HTML form cannot send JSON): arms the fault as
 * {@code POST /api/rehearsal/faults} would, for leads only, then goes back to the page.
 */
@Controller
@Profile("rehearsal")
class FaultForm {

    private final Faults faults;
    private final PageAccess access;

    FaultForm(Faults faults, PageAccess access) {
        this.faults = faults;
        this.access = access;
    }

    @PostMapping("/cutover/faults")
    String arm(@RequestParam(required = false) String target, @RequestParam(defaultValue = "1") int times,
            @RequestParam(required = false) Double delaySeconds, @RequestParam(required = false) Double ratePercent,
            @RequestParam(required = false) Long seed, @RequestParam(required = false) String run) {
        access.requireLead("inject faults");
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("a fault needs a target, e.g. 'twilio.outage' (docs/rehearsal.md lists them)");
        }
        if (ratePercent != null) {
            faults.armFlaky(target.trim(), ratePercent / 100, seed == null ? 0 : seed);
        } else {
            Duration delay = delaySeconds == null ? null : Duration.ofMillis(Math.round(delaySeconds * 1000));
            faults.arm(target.trim(), times, delay);
        }
        return "redirect:" + (run == null || run.isBlank() ? "/cutover"
                : "/cutover/runs/" + URLEncoder.encode(run, StandardCharsets.UTF_8)) + "#world";
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<String> badFault(IllegalArgumentException e) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(org.springframework.http.MediaType.TEXT_PLAIN)
                .body(e.getMessage());
    }
}
