package dev.cutover.web;

import java.net.URI;

/** A site as a visitor sees it, in the runbook's words ("confirm the Heroku site is working", "the site appears at www"). */
public interface SiteProbe {

    /** One GET of {@code url} (no retries, a short timeout): never throws for an HTTP or network failure. */
    SiteAnswer probe(URI url);
}
