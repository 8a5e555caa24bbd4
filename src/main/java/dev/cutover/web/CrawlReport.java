package dev.cutover.web;

import java.util.List;

/**
 * What a site search found.
 *
 * @param pagesVisited the requests made, failed ones included
 * @param complete false when a limit (pages or time) stopped the crawl with pages left to visit
 * @param errors pages that answered 4xx/5xx, timed out or could not be fetched, and from where they were linked
 */
public record CrawlReport(int pagesVisited, boolean complete, List<Finding> findings, List<String> errors) {

    public CrawlReport {
        findings = List.copyOf(findings);
        errors = List.copyOf(errors);
    }

    /** The pages with at least one finding, in the order the crawl found them. */
    public List<String> pagesWithFindings() {
        return findings.stream().map(Finding::page).distinct().toList();
    }
}
