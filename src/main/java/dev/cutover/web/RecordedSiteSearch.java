package dev.cutover.web;

import dev.cutover.rehearsal.WorldPart;
import dev.cutover.rehearsal.WorldStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * In rehearsal, the same crawler over real HTTP, with every search's findings kept in the world
 * ({@code sites} in {@code GET /api/rehearsal/world}) beside the simulated site it searched.
 */
@Primary
@Component
@Profile("rehearsal")
class RecordedSiteSearch implements SiteSearch, WorldPart {

    static final String SYSTEM = "sites";

    private final HttpSiteSearch crawler;
    private final WorldStore world;
    private final Clock clock;

    RecordedSiteSearch(HttpSiteSearch crawler, WorldStore world, Clock clock) {
        this.crawler = crawler;
        this.world = world;
        this.clock = clock;
    }

    @Override
    public CrawlReport searchSite(URI start, String needle, int maxPages, Duration maxDuration) {
        CrawlReport report = crawler.searchSite(start, needle, maxPages, maxDuration);
        Search search = new Search();
        search.start = start.toString();
        search.needle = needle;
        search.at = clock.instant().toString();
        search.report = report;
        world.change(SYSTEM, State.class, State::new, state -> state.searches.add(search));
        return report;
    }

    @Override
    public String system() {
        return SYSTEM;
    }

    @Override
    public Object view() {
        return world.read(SYSTEM, State.class, State::new);
    }

    static class State {
        String site = "/rehearsal/sites/www/";
        List<Search> searches = new ArrayList<>();
    }

    static class Search {
        String start;
        String needle;
        String at;
        CrawlReport report;
    }
}
