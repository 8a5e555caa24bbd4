package dev.cutover.web;

import dev.cutover.plan.MigrationPlan;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The new site as the rehearsal finds it, served over real HTTP so that the search for the old URL
 * crawls it exactly as it crawls www on the day: a dozen pages of the app's public site, four of
 * which still mention the old domain (a footer link, the FAQ's text, an image, a canonical link).
 * Its health path, and the old Heroku site, answer as {@link SimulatedHosting} says they are served;
 * its pages too answer Django's 500 while the app on Lambda cannot log in to its database.
 * Outside {@code /api}, so it needs no credentials, like the real sites.
 */
@RestController
@Profile("rehearsal")
class SimulatedSites {

    static final String WWW = "/rehearsal/sites/www/";
    static final String HEROKU = "/rehearsal/sites/heroku";

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    private static final String LOGO = """
            <svg xmlns="http://www.w3.org/2000/svg" width="180" height="32" viewBox="0 0 180 32">\
            <text x="0" y="24" font-family="sans-serif" font-size="22" fill="#1f4e79">Clear My Record</text></svg>
            """;

    private final Map<String, String> pages = new LinkedHashMap<>();
    private final String oldDomain;
    private final String www;
    private final String healthPath;
    private final SimulatedHosting hosting;

    SimulatedSites(MigrationPlan plan, SimulatedHosting hosting) {
        this.oldDomain = plan.domains().old().name();
        this.www = plan.domains().www();
        this.healthPath = plan.launch().healthPath();
        this.hosting = hosting;
        addPages();
    }

    @GetMapping({HEROKU, HEROKU + "/**"})
    ResponseEntity<String> heroku(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length() + HEROKU.length());
        return hosting.heroku(path.isEmpty() ? "/" : path, healthPath);
    }

    @GetMapping({"/rehearsal/sites/www", "/rehearsal/sites/www/**"})
    ResponseEntity<String> www(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String page = path.length() <= WWW.length() ? "" : path.substring(WWW.length());
        if (("/" + page).equals(healthPath)) {
            return hosting.wwwHealth();
        }
        HttpHeaders served = hosting.wwwHeaders();
        if (page.equals("static/logo.svg")) {
            return ResponseEntity.ok().headers(served).contentType(MediaType.valueOf("image/svg+xml")).body(LOGO);
        }
        if (!path.endsWith("/") && pages.containsKey(page.isEmpty() ? "" : page + "/")) {
            // as Django's APPEND_SLASH does
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).headers(served)
                    .location(URI.create(request.getRequestURI() + "/")).build();
        }
        Optional<ResponseEntity<String>> serverError = hosting.wwwServerError();
        if (serverError.isPresent()) {
            // the views need the database; static files and APPEND_SLASH's redirects do not
            return serverError.get();
        }
        String html = pages.get(page);
        if (html == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(served).contentType(HTML)
                    .body(layout("Page not found", "", "<h1>Page not found</h1><p>Try the <a href=\"" + WWW
                            + "\">home page</a>.</p>", ""));
        }
        return ResponseEntity.ok().headers(served).contentType(HTML).body(html);
    }

    private void addPages() {
        page("", "Clear My Record", "", """
                <h1>Clear your record in California, for free</h1>
                <p>If you were convicted of a crime in California, you may be able to clear it from your record.
                   Clear My Record connects you with a free attorney in your county.</p>
                <p><a class="button" href="{base}apply/">Start your application</a>
                   <a href="how-it-works/">See how it works</a></p>
                <h2>Who can apply</h2>
                <p>Most misdemeanors and many felonies qualify. <a href="eligibility/">Check if you are eligible</a>.</p>
                <h2>News</h2>
                <p><a href="news/new-domain/">We have a new address: {www}</a></p>
                """, "");
        page("how-it-works/", "How it works", "", """
                <h1>How it works</h1>
                <ol>
                  <li>Answer a few questions about your record. It takes about 10 minutes.</li>
                  <li>A legal aid attorney in your county reviews your case.</li>
                  <li>The attorney files a petition with the court, usually within 3 months.</li>
                </ol>
                <img src="https://{old}/static/img/how-it-works-diagram.png" alt="The three steps of clearing a record">
                <p>Ready? <a href="../apply/">Apply now</a> or read the <a href="../faq/">questions people ask</a>.</p>
                """, "");
        page("eligibility/", "Who is eligible", "", """
                <h1>Who is eligible</h1>
                <p>You may be eligible if you were convicted in California and finished probation, or were
                   never sentenced to state prison for the offense.</p>
                <p>Not sure? <a href="{base}apply/">Apply anyway</a>: an attorney will check for you.
                   See also the <a href="{base}faq/#eligibility">FAQ</a>.</p>
                """, "");
        page("apply/", "Apply", "", """
                <h1>Apply to clear your record</h1>
                <p>We will ask about your convictions, your contact details and your income. Your answers go
                   only to the legal aid organization in your county. Read our <a href="../privacy/">privacy
                   policy</a>.</p>
                <form action="{base}apply/start/" method="post">
                  <label>County <select name="county"><option>Alameda</option><option>Los Angeles</option>
                    <option>San Francisco</option></select></label>
                  <button type="submit">Start</button>
                </form>
                """, "");
        page("faq/", "Frequently asked questions", "", """
                <h1>Frequently asked questions</h1>
                <h2 id="cost">Does it cost anything?</h2>
                <p>No. Clear My Record and the attorneys it connects you with are free.</p>
                <h2 id="eligibility">How do I know if I am eligible?</h2>
                <p>Answer the questions in the <a href="{base}apply/">application</a>; an attorney decides.</p>
                <h2 id="old-address">I bookmarked {old}. Does it still work?</h2>
                <p>Yes. Our old address {old} now sends you here, to {www}. Please update your bookmarks.</p>
                <h2 id="time">How long does it take?</h2>
                <p>Usually three to six months, depending on the court. See <a href="../how-it-works/">how it
                   works</a>.</p>
                """, "");
        page("about/", "About", "", """
                <h1>About Clear My Record</h1>
                <p>Clear My Record is a free service built by Code for America with legal aid organizations
                   across California. Since 2016 it has helped thousands of people apply to clear their records.</p>
                <p>Meet our <a href="{base}partners/">partners</a> or <a href="{base}contact/">contact us</a>.</p>
                """, "");
        page("partners/", "Partners", "", """
                <h1>Our partners</h1>
                <ul>
                  <li>East Bay Community Law Center</li>
                  <li>Bay Area Legal Aid</li>
                  <li>Los Angeles County Public Defender</li>
                </ul>
                <p>Legal aid organizations can <a href="{base}contact/">join the network</a>.</p>
                """, """
                <p class="toolkit">Partner toolkit and outreach materials:
                  <a href="https://{old}/partners/toolkit/">download from the partner page</a></p>
                """);
        page("news/", "News", "", """
                <h1>News</h1>
                <ul>
                  <li><a href="new-domain/">Clear My Record has a new address</a></li>
                  <li><a href="{base}news/100000-applications/">100,000 applications</a></li>
                </ul>
                """, "");
        page("news/new-domain/", "Clear My Record has a new address", "", """
                <h1>Clear My Record has a new address</h1>
                <p>Clear My Record now lives at its own domain, {www}. Links to the old address keep working and
                   take you to the same page here.</p>
                <p><a href="../">All news</a></p>
                """, "");
        page("news/100000-applications/", "100,000 applications", "", """
                <h1>100,000 applications</h1>
                <p>This spring, the 100,000th person applied through Clear My Record. Thank you to every attorney,
                   clerk and volunteer who made it possible.</p>
                <p><a href="../../apply/">Apply</a> · <a href="../">All news</a></p>
                """, "");
        page("privacy/", "Privacy policy",
                "<link rel=\"canonical\" href=\"https://{old}/privacy/\">", """
                <h1>Privacy policy</h1>
                <p>We collect only what an attorney needs to review your record. We never sell your information.
                   We keep your application for 2 years, then delete it.</p>
                <p>Questions about your data? <a href="{base}contact/">Contact us</a>.</p>
                """, "");
        page("terms/", "Terms of use", "", """
                <h1>Terms of use</h1>
                <p>Clear My Record does not give legal advice. The attorney in your county decides whether and
                   how to file a petition.</p>
                """, "");
        page("accessibility/", "Accessibility", "", """
                <h1>Accessibility</h1>
                <p>We aim for WCAG 2.1 AA. If something does not work for you, <a href="{base}contact/">tell us</a>.</p>
                """, "");
        page("contact/", "Contact us", "", """
                <h1>Contact us</h1>
                <p>Email <a href="mailto:help@clearmyrecord.org">help@clearmyrecord.org</a> or text us at
                   <a href="tel:+14155550100">(415) 555-0100</a>.</p>
                """, "");
    }

    private void page(String path, String title, String head, String main, String footerExtra) {
        pages.put(path, layout(title, head, main, footerExtra));
    }

    private String layout(String title, String head, String main, String footerExtra) {
        return """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>{title} | Clear My Record</title>
                  <meta property="og:url" content="https://{www}/">
                  <link rel="icon" href="{base}static/logo.svg">
                  {head}
                </head>
                <body>
                  <header>
                    <a href="{base}"><img src="{base}static/logo.svg" alt="Clear My Record"></a>
                    <nav>
                      <a href="{base}how-it-works/">How it works</a>
                      <a href="{base}eligibility/">Eligibility</a>
                      <a href="{base}faq/">FAQ</a>
                      <a href="{base}apply/">Apply</a>
                    </nav>
                  </header>
                  <main>
                {main}
                  </main>
                  <footer>
                    <a href="{base}about/">About</a> · <a href="{base}partners/">Partners</a> ·
                    <a href="{base}news/">News</a> · <a href="{base}privacy/">Privacy</a> ·
                    <a href="{base}terms/">Terms</a> · <a href="{base}accessibility/">Accessibility</a> ·
                    <a href="{base}contact/">Contact</a>
                    {footerExtra}
                    <p>© Code for America</p>
                  </footer>
                </body>
                </html>
                """
                .replace("{title}", title).replace("{head}", head).replace("{main}", main)
                .replace("{footerExtra}", footerExtra)
                .replace("{base}", WWW).replace("{old}", oldDomain).replace("{www}", www);
    }
}
