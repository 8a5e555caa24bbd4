package dev.cutover.heroku;

import java.util.Map;

/**
 * The Heroku app, in the runbook's words. Config vars hold secrets: a caller keeps their values in
 * memory only and stores replaced ones in the secret store.
 */
public interface HerokuPort {

    Map<String, String> configVars(String app);

    /** Sets (or, with a null value, removes) these vars in one release. */
    void setConfigVars(String app, Map<String, String> changes);
}
