package dev.cutover.tower;

import java.util.Map;

/** Ansible Tower / AWX, in the runbook's words. */
public interface TowerPort {

    /**
     * Launches the job template with this name. Fails before launching when the template would
     * ignore the extra vars or needs variables not among them; fails, and cancels the job it
     * started, when AWX ignored any field sent (a prompt not enabled on the template): such a job
     * would not run as asked.
     */
    TowerJob launchJob(String templateName, Map<String, Object> extraVars);

    /** The job as AWX reports it now. */
    TowerJob job(long jobId);

    /** The last lines of the job's output, for an incident message. */
    String jobOutputTail(long jobId, int lines);
}
