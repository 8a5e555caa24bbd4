package dev.cutover.notify;

/** A step that stopped as an incident: where, and the engine's message (not yet redacted). */
public record RaisedIncident(String incidentId, String run, String phase, String processInstanceId,
        String stepName, String message) {}
