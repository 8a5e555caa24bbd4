package dev.cutover.notify;

/**
 * Tells people that the cutover needs them: the group a user task waits for, the leads when a step
 * stops as an incident. An escalation (the site late at www, DNS late, the downtime over the
 * limit) is a task for {@code cutover-leads}, so it is told as a waiting task.
 */
public interface Notifier {

    /** Tell the group a task waits. */
    void tellGroupTaskWaits(WaitingTask task);

    /** Tell the leads an incident was raised. */
    void tellLeadsIncidentRaised(RaisedIncident incident);
}
