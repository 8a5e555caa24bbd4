package dev.cutover.pingdom;

import dev.cutover.step.Ensured;

/** Pingdom, in the runbook's words. */
public interface PingdomPort {

    /**
     * Add Pingdom on the new domain at /health/: a check of this name watching https://host+path;
     * an existing check of that name is corrected if it watches something else.
     */
    Ensured<PingdomCheck> ensureHttpCheck(String name, String host, String path);
}
