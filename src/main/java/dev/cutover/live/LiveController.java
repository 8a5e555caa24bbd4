package dev.cutover.live;

import dev.cutover.access.PageAccess;
import dev.cutover.report.RunReport;
import dev.cutover.report.RunReports;
import dev.cutover.report.UnknownRunException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The live page: {@code /cutover} lists the runs, {@code /cutover/runs/{run}} shows where one stands
 * (phases and steps, who is asked for what, the clock, incidents, and in a rehearsal the world and
 * its faults). It reloads itself every few seconds.
 */
@Controller
class LiveController {

    private final RunList runs;
    private final RunReports reports;
    private final PageAccess access;
    private final ObjectProvider<WorldPage> world;

    LiveController(RunList runs, RunReports reports, PageAccess access, ObjectProvider<WorldPage> world) {
        this.runs = runs;
        this.reports = reports;
        this.access = access;
        this.world = world;
    }

    @GetMapping({"/cutover", "/cutover/"})
    String runs(Model model) {
        model.addAttribute("user", access.requireViewer());
        model.addAttribute("runs", runs.runs());
        return "runs";
    }

    @GetMapping("/cutover/runs/{run}")
    String run(@PathVariable String run, Model model, HttpServletResponse response) {
        model.addAttribute("user", access.requireViewer());
        RunReport report = reports.report(run);
        model.addAttribute("report", report);
        model.addAttribute("openTasks", report.tasks().stream().filter(task -> task.endedAt() == null).toList());
        model.addAttribute("openIncidents", report.incidents().stream()
                .filter(incident -> "open".equals(incident.state())).toList());
        WorldPage page = world.getIfAvailable();
        model.addAttribute("world", page == null ? null : page.read());
        model.addAttribute("mayInjectFaults", page != null && access.callerIsLead());
        response.setHeader("Cache-Control", "no-store");
        return "live";
    }

    @ExceptionHandler(UnknownRunException.class)
    ModelAndView unknownRun(UnknownRunException unknown) {
        ModelAndView page = new ModelAndView("unknown-run", Map.of("message", unknown.getMessage()));
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }
}
