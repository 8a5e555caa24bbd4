package dev.cutover.report;

import dev.cutover.access.PageAccess;
import java.time.Clock;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

/**
 * A run's audit report at a stable address: {@code /cutover/runs/{run}/report} for people (HTML,
 * with the timeline picture) and {@code /api/runs/{run}/report} for tools (JSON, the same facts).
 */
@Controller
class ReportController {

    private final RunReports reports;
    private final PageAccess access;
    private final Clock clock;

    ReportController(RunReports reports, PageAccess access, Clock clock) {
        this.reports = reports;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/cutover/runs/{run}/report")
    String page(@PathVariable String run, Model model) {
        access.requireViewer();
        RunReport report = reports.report(run);
        model.addAttribute("report", report);
        // a rehearsal's timeline is drawn at the plan's pace: its compressed times multiplied back
        model.addAttribute("timeline", Timeline.of(report.stepsAtPlansPace(), report.startedAt(),
                report.atPlansPace(clock.instant())));
        return "report";
    }

    @GetMapping("/api/runs/{run}/report")
    @ResponseBody
    RunReport json(@PathVariable String run) {
        access.requireViewer();
        return reports.report(run);
    }

    @ExceptionHandler(UnknownRunException.class)
    Object unknownRun(UnknownRunException unknown, jakarta.servlet.http.HttpServletRequest request) {
        if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("error", unknown.getMessage()));
        }
        ModelAndView page = new ModelAndView("unknown-run", Map.of("message", unknown.getMessage()));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
