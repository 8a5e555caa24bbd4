package dev.cutover.delegate;

import dev.cutover.ledger.Ledger;
import dev.cutover.plan.MigrationPlan;
import dev.cutover.process.Vars;
import dev.cutover.step.Outcome;
import dev.cutover.step.Step;
import dev.cutover.step.StepContext;
import dev.cutover.web.CrawlReport;
import dev.cutover.web.SiteSearch;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Search for the old URL on the site: a bounded crawl; the findings go to the operators. */
@Component("searchForOldUrl")
class SearchForOldUrl extends Step {

    private final SiteSearch site;
    private final MigrationPlan plan;

    SearchForOldUrl(Ledger ledger, SiteSearch site, MigrationPlan plan) {
        super(ledger);
        this.site = site;
        this.plan = plan;
    }

    @Override
    protected void perform(StepContext step) {
        MigrationPlan.Preparation preparation = plan.preparation();
        String oldDomain = plan.domains().old().name();
        CrawlReport report = site.searchSite(preparation.crawlStart(), oldDomain, preparation.crawlMaxPages(),
                preparation.crawlMaxDuration());
        String findings = report.findings().stream()
                .map(finding -> finding.page() + "  —  " + finding.context())
                .collect(Collectors.joining("\n"));
        step.set(Vars.OLD_URL_FINDINGS, findings.isEmpty() ? "(none found)" : findings);
        step.set(Vars.OLD_URL_PAGES_VISITED, report.pagesVisited());
        step.set(Vars.OLD_URL_SEARCH_COMPLETE, report.complete());
        ledger.record(step.record(Outcome.CHECKED, report.findings().size() + " place(s) with " + oldDomain + " in "
                + report.pagesVisited() + " page(s) of " + preparation.crawlStart()
                + (report.complete() ? "" : " (stopped at the plan's limit)")
                + (report.errors().isEmpty() ? "" : "; " + report.errors().size() + " page(s) failed to load"),
                Map.of()));
    }
}
