package dev.cutover.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * {@link SiteSearch} over real HTTP, in rehearsal and live alike: one page at a time, breadth-first,
 * only HTML read, at most {@value #MAX_BODY_BYTES} bytes of a page.
 */
@Component
class HttpSiteSearch implements SiteSearch {

    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    static final int MAX_BODY_BYTES = 5 * 1024 * 1024;
    static final int CONTEXT_CHARS = 120;

    private static final Logger log = LoggerFactory.getLogger(HttpSiteSearch.class);
    private static final String USER_AGENT = "Cutover site search (looking for the old URL)";
    private static final Pattern LINK = Pattern.compile(
            "\\b(?:href|src)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+))", Pattern.CASE_INSENSITIVE);
    // fetching these would spend the page budget on bodies that are never read
    private static final Pattern ASSET = Pattern.compile(
            ".*\\.(png|jpe?g|gif|svg|webp|avif|ico|css|js|mjs|map|woff2?|ttf|otf|eot|mp3|mp4|webm|pdf|zip)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile("<[^>]*>|^[^<]*>|<[^>]*$");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern CHARSET = Pattern.compile("charset=\"?([\\w.:-]+)", Pattern.CASE_INSENSITIVE);
    private static final int TEXT_WINDOW = 400;

    private final HttpClient http;
    private final Clock clock;
    private final Duration requestTimeout;

    @Autowired
    HttpSiteSearch(Clock clock) {
        this(clock, REQUEST_TIMEOUT);
    }

    HttpSiteSearch(Clock clock, Duration requestTimeout) {
        this.clock = clock;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(requestTimeout)
                .build();
    }

    @Override
    public CrawlReport searchSite(URI start, String needle, int maxPages, Duration maxDuration) {
        URI first = start == null ? null : pageAddress(start);
        if (first == null) {
            throw new IllegalArgumentException("the site search starts at an http(s) URL, not '" + start + "'");
        }
        if (needle == null || needle.isBlank()) {
            throw new IllegalArgumentException("the site search needs a text to look for");
        }
        if (maxPages < 1 || maxDuration == null || maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("the site search needs at least one page and some time, not "
                    + maxPages + " pages in " + maxDuration);
        }
        Crawl crawl = new Crawl(first, Pattern.compile(Pattern.quote(needle.strip()), Pattern.CASE_INSENSITIVE));
        Instant deadline = clock.instant().plus(maxDuration);
        boolean interrupted = false;
        while (!crawl.queue.isEmpty() && crawl.visited < maxPages && clock.instant().isBefore(deadline)) {
            try {
                crawl.visit(crawl.queue.poll());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
                break;
            }
        }
        CrawlReport report = new CrawlReport(crawl.visited, crawl.queue.isEmpty() && !interrupted,
                new ArrayList<>(crawl.findings), crawl.errors);
        log.info("searched {} page(s) of {} for '{}'{}: {} finding(s), {} error(s)", report.pagesVisited(),
                first.getHost(), needle, report.complete() ? "" : " (stopped by a limit)", report.findings().size(),
                report.errors().size());
        return report;
    }

    private final class Crawl {

        final URI site;
        final Pattern needle;
        final Deque<URI> queue = new ArrayDeque<>();
        // every address ever queued, and the page that linked it first (null for the start)
        final Map<URI, URI> linkedFrom = new LinkedHashMap<>();
        final Set<Finding> findings = new LinkedHashSet<>();
        final List<String> errors = new ArrayList<>();
        int visited;

        Crawl(URI site, Pattern needle) {
            this.site = site;
            this.needle = needle;
            queue.add(site);
            linkedFrom.put(site, null);
        }

        void visit(URI page) throws InterruptedException {
            visited++;
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(page)
                        .timeout(requestTimeout)
                        .header("User-Agent", USER_AGENT)
                        .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1")
                        .GET()
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (HttpTimeoutException e) {
                errors.add("timed out after " + human(requestTimeout) + ": " + page + from(page));
                return;
            } catch (IOException e) {
                errors.add("cannot fetch " + page + from(page) + ": " + describe(e));
                return;
            }
            URI landed = Objects.requireNonNullElse(pageAddress(response.uri()), page);
            if (!landed.equals(page)) {
                if (!linkedFrom.containsKey(landed)) {
                    linkedFrom.put(landed, page);
                }
                if (needle.matcher(landed.toString()).find()) {
                    findings.add(new Finding(page.toString(), "redirects to " + landed));
                }
            }
            String html;
            try (InputStream body = response.body()) {
                if (response.statusCode() >= 400) {
                    errors.add("HTTP " + response.statusCode() + ": " + page + from(page));
                    return;
                }
                if (response.statusCode() / 100 == 3) {
                    // a redirect the client does not follow itself (https to http)
                    response.headers().firstValue("Location").ifPresent(location -> follow(landed, location));
                    return;
                }
                if (!sameSite(landed) || !isHtml(response)) {
                    return;
                }
                html = new String(body.readNBytes(MAX_BODY_BYTES), charset(response));
            } catch (HttpTimeoutException e) {
                errors.add("timed out after " + human(requestTimeout) + " reading " + page + from(page));
                return;
            } catch (IOException e) {
                errors.add("cannot read " + page + from(page) + ": " + describe(e));
                return;
            }
            search(landed, html);
            followLinks(landed, html);
        }

        private void search(URI page, String html) {
            Matcher match = needle.matcher(html);
            int searchedUntil = 0;
            while (match.find(searchedUntil)) {
                int tagStart = html.lastIndexOf('<', match.start());
                boolean inTag = tagStart >= 0 && html.lastIndexOf('>', match.start()) < tagStart;
                String before;
                String after;
                if (inTag) {
                    int tagEnd = html.indexOf('>', match.end());
                    searchedUntil = tagEnd < 0 ? html.length() : tagEnd + 1;
                    before = html.substring(tagStart, match.start());
                    after = html.substring(match.end(), searchedUntil);
                } else {
                    searchedUntil = match.end();
                    before = text(html.substring(Math.max(0, match.start() - TEXT_WINDOW), match.start()));
                    after = text(html.substring(match.end(), Math.min(html.length(), match.end() + TEXT_WINDOW)));
                }
                findings.add(new Finding(page.toString(), context(before, match.group(), after)));
            }
        }

        private void followLinks(URI page, String html) {
            Matcher link = LINK.matcher(html);
            while (link.find()) {
                follow(page, link.group(1) != null ? link.group(1)
                        : link.group(2) != null ? link.group(2) : link.group(3));
            }
        }

        private void follow(URI page, String target) {
            URI address = resolve(page, target);
            if (address != null && sameSite(address) && !ASSET.matcher(address.getRawPath()).matches()
                    && !linkedFrom.containsKey(address)) {
                linkedFrom.put(address, page);
                queue.add(address);
            }
        }

        private boolean sameSite(URI address) {
            return site.getScheme().equals(address.getScheme()) && site.getHost().equals(address.getHost())
                    && port(site) == port(address);
        }

        private String from(URI page) {
            URI referrer = linkedFrom.get(page);
            return referrer == null ? "" : " (linked from " + referrer + ")";
        }
    }

    /** A link's target as an absolute page address without fragment, or null if it is no http(s) page. */
    static URI resolve(URI base, String target) {
        String value = decodeEntities(target).strip();
        String lower = value.toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("tel:")
                || lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("sms:")) {
            return null;
        }
        try {
            return pageAddress(base.resolve(value.replace(" ", "%20")));
        } catch (IllegalArgumentException notAnAddress) {
            return null;
        }
    }

    /** The address in the form the crawl compares: lower-case scheme and host, a path, no fragment. */
    private static URI pageAddress(URI address) {
        String scheme = address.getScheme() == null ? null : address.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || address.getHost() == null) {
            return null;
        }
        URI normalized = address.normalize();
        String path = normalized.getRawPath() == null || normalized.getRawPath().isEmpty() ? "/"
                : normalized.getRawPath();
        String query = normalized.getRawQuery() == null ? "" : "?" + normalized.getRawQuery();
        String port = normalized.getPort() < 0 ? "" : ":" + normalized.getPort();
        return URI.create(scheme + "://" + normalized.getHost().toLowerCase(Locale.ROOT) + port + path + query);
    }

    private static int port(URI address) {
        return address.getPort() >= 0 ? address.getPort() : "https".equals(address.getScheme()) ? 443 : 80;
    }

    private static boolean isHtml(HttpResponse<?> response) {
        String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        return type.startsWith("text/html") || type.startsWith("application/xhtml+xml");
    }

    private static Charset charset(HttpResponse<?> response) {
        Matcher declared = CHARSET.matcher(response.headers().firstValue("Content-Type").orElse(""));
        try {
            return declared.find() ? Charset.forName(declared.group(1)) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    /** A page's text: tags (and tags cut off at either end) out, entities decoded. */
    private static String text(String html) {
        return decodeEntities(TAG.matcher(html).replaceAll(" "));
    }

    /** At most {@value #CONTEXT_CHARS} characters, whitespace collapsed, whole words, the match in the middle. */
    static String context(String before, String match, String after) {
        String left = WHITESPACE.matcher(before).replaceAll(" ").stripLeading();
        String right = WHITESPACE.matcher(after).replaceAll(" ").stripTrailing();
        String flat = left + match + right;
        if (flat.length() <= CONTEXT_CHARS) {
            return flat;
        }
        int matchStart = left.length();
        int matchEnd = matchStart + match.length();
        int from = Math.max(0, Math.min((matchStart + matchEnd - CONTEXT_CHARS) / 2, flat.length() - CONTEXT_CHARS));
        int to = from + CONTEXT_CHARS;
        int wordStart = flat.indexOf(' ', from);
        if (from > 0 && wordStart >= 0 && wordStart < matchStart) {
            from = wordStart + 1;
        }
        int wordEnd = flat.lastIndexOf(' ', to);
        if (to < flat.length() && wordEnd > matchEnd) {
            to = wordEnd;
        }
        return (from > 0 ? "…" : "") + flat.substring(from, to).strip() + (to < flat.length() ? "…" : "");
    }

    private static String decodeEntities(String text) {
        return text.replace("&nbsp;", " ").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&#x2F;", "/").replace("&#47;", "/").replace("&amp;", "&");
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private static String describe(IOException e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
