package dev.cutover.heroku;

import dev.cutover.step.Ensured;
import java.util.List;
import java.util.Map;

/**
 * The Heroku app, in the runbook's words. Config vars hold secrets: a caller keeps their values in
 * memory only and stores replaced ones in the secret store.
 */
public interface HerokuPort {

    Map<String, String> configVars(String app);

    /** Sets (or, with a null value, removes) these vars in one release. */
    void setConfigVars(String app, Map<String, String> changes);

    /** How many dynos each process type runs, and their size (web=2 standard-1x, worker=1, clock=1, …). */
    List<Formation> formation(String app);

    /**
     * Scales one process type to {@code quantity} dynos (the size stays); already at that quantity → already
     * done. The value is the formation of that type as it was before, for a compensation to restore.
     */
    Ensured<Formation> scale(String app, String processType, int quantity);

    /**
     * Maintenance mode on or off (turn off heroku app: on); already so → already done. The value is
     * the mode the app is in now.
     */
    Ensured<Boolean> ensureMaintenance(String app, boolean on);

    /**
     * Check Heroku traffic: the router's request lines of the last {@code window}, read from a log
     * session of at most {@code lines} lines (Heroku's most: 1500).
     */
    RouterTraffic routerTraffic(String app, java.time.Duration window, int lines);

    /** The app's latest releases, newest first, at most {@code max} (the first is the one running). */
    List<Release> releases(String app, int max);

    /**
     * Roll back to a release ({@code v212} or its id): Heroku makes a new release with that
     * release's slug AND its config vars (add-ons and the database stay as they are). The value is
     * the new release.
     */
    Release rollbackTo(String app, String release);
}
