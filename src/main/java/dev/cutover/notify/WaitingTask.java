package dev.cutover.notify;

/** A user task the group must work: in which run and phase, with its id for Tasklist's link. */
public record WaitingTask(String run, String phase, String taskId, String taskName, String group) {}
