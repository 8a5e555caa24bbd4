package dev.cutover.tower;

import dev.cutover.aws.iam.AccessKey;
import dev.cutover.step.Ensured;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** Ansible Tower / AWX, in the runbook's words. */
public interface TowerPort {

    /**
     * The extra var a launch carries so that its job can be found again: AWX answers a launch with
     * the job's id, and an answer lost (a crash, a timeout) leaves that job to be found by its marker.
     */
    String LAUNCH_MARKER = "cutover_launch";

    /**
     * Launches the job template with this name. Fails before launching when the template would
     * ignore the extra vars or needs variables not among them; fails, and cancels the job it
     * started, when AWX ignored any field sent (a prompt not enabled on the template): such a job
     * would not run as asked.
     */
    TowerJob launchJob(String templateName, Map<String, Object> extraVars);

    /**
     * What would stop a launch of this template with extra vars of these names, checked before
     * anything is launched: a template missing or named twice, the extra vars not prompted for on
     * launch, variables needed to start that are not among them, passwords asked for at launch.
     * Empty when the template launches as asked.
     */
    List<String> launchProblems(String templateName, Set<String> extraVarNames);

    /**
     * The job of this template that a launch with {@link #LAUNCH_MARKER} set to {@code marker}
     * started, looking among the template's jobs created since {@code since} (less a margin for
     * the two clocks' skew); empty when AWX has none: that launch never started a job.
     */
    Optional<TowerJob> jobLaunchedWith(String templateName, String marker, Instant since);

    /** The job as AWX reports it now. */
    TowerJob job(long jobId);

    /** The last lines of the job's output, for an incident message. */
    String jobOutputTail(long jobId, int lines);

    /**
     * Create inventories in Tower for prod: an inventory of this name in the organisation, with
     * these variables. Its AWX id.
     */
    Ensured<Long> ensureInventory(String name, String organization, Map<String, Object> variables);

    /**
     * Add "run arbitrary zappa command": a job template of this name running playbook of project
     * against inventory, prompting for extra vars on launch. Its AWX id.
     */
    Ensured<Long> ensureJobTemplate(String name, String project, String playbook, String inventory);

    /**
     * Update credentials on Tower: puts this access key into an "Amazon Web Services" credential.
     * The secret goes from here to AWX and nowhere else.
     */
    void updateAwsCredential(String credentialName, AccessKey key);

    /**
     * The access key id an AWS credential holds now (AWX never returns the secret), or null when
     * the credential has none.
     */
    String awsCredentialKeyId(String credentialName);
}
