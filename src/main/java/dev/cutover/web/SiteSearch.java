package dev.cutover.web;

import java.net.URI;
import java.time.Duration;

/** Search for old url in site: a bounded crawl of a site for pages that still mention a text. */
public interface SiteSearch {

    /**
     * Visits the pages of {@code start}'s site (same scheme, host and port) breadth-first, and
     * reports every place the needle appears, case-insensitively: in a page's text, a link or
     * resource address, a tag's attribute, or a redirect. Pages that fail are reported as errors,
     * not thrown. Stops after {@code maxPages} requests or once {@code maxDuration} has passed.
     *
     * @throws IllegalArgumentException when start is not an http(s) URL, the needle is blank, or a
     *     limit is not positive
     */
    CrawlReport searchSite(URI start, String needle, int maxPages, Duration maxDuration);
}
