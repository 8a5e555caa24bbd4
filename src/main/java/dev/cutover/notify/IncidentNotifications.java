package dev.cutover.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Tells the leads of each new incident, looking at the engine's open incidents every few seconds
 * ({@code cutover.notifications.incident-poll}). Each incident is told once: it is written to
 * {@code cutover_notified_incident} before it is sent, so two pollers (or two nodes) never both
 * send it and a failed send is not repeated. Only the root cause is told, not the incident the
 * engine raises again on each calling process. Rows of incidents that are resolved are dropped.
 */
@Component
class IncidentNotifications {

    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final JdbcTemplate jdbc;
    private final Delivery delivery;
    private final Clock clock;

    IncidentNotifications(RuntimeService runtime, RepositoryService repository, JdbcTemplate jdbc, Delivery delivery,
            Clock clock) {
        this.runtime = runtime;
        this.repository = repository;
        this.jdbc = jdbc;
        this.delivery = delivery;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${cutover.notifications.incident-poll:PT5S}",
            initialDelayString = "${cutover.notifications.incident-poll:PT5S}")
    void tellNewIncidents() {
        List<Incident> open = runtime.createIncidentQuery().list();
        Set<String> told = new HashSet<>(jdbc.queryForList("select incident_id from cutover_notified_incident",
                String.class));
        Set<String> openIds = new HashSet<>();
        for (Incident incident : open) {
            openIds.add(incident.getId());
            boolean rootCause = incident.getRootCauseIncidentId() == null
                    || incident.getId().equals(incident.getRootCauseIncidentId());
            if (rootCause && !told.contains(incident.getId()) && claim(incident)) {
                delivery.incidentRaised(describe(incident));
            }
        }
        told.stream().filter(id -> !openIds.contains(id))
                .forEach(id -> jdbc.update("delete from cutover_notified_incident where incident_id = ?", id));
    }

    /** True for the one poller that writes the incident down first. */
    private boolean claim(Incident incident) {
        try {
            jdbc.update("insert into cutover_notified_incident (incident_id, notified_at) values (?, ?)",
                    incident.getId(), Timestamp.from(clock.instant()));
            return true;
        } catch (DuplicateKeyException alreadyTold) {
            return false;
        }
    }

    private RaisedIncident describe(Incident incident) {
        ProcessInstance instance = incident.getProcessInstanceId() == null ? null
                : runtime.createProcessInstanceQuery().processInstanceId(incident.getProcessInstanceId()).singleResult();
        String phase = incident.getProcessDefinitionId() == null ? "?"
                : repository.getProcessDefinition(incident.getProcessDefinitionId()).getKey();
        return new RaisedIncident(incident.getId(), instance == null ? "?" : instance.getBusinessKey(), phase,
                incident.getProcessInstanceId(), stepName(incident), incident.getIncidentMessage());
    }

    private String stepName(Incident incident) {
        if (incident.getActivityId() == null || incident.getProcessDefinitionId() == null) {
            return incident.getIncidentType();
        }
        ModelElementInstance activity = repository.getBpmnModelInstance(incident.getProcessDefinitionId())
                .getModelElementById(incident.getActivityId());
        String name = activity == null ? null : activity.getAttributeValue("name");
        return name == null || name.isBlank() ? incident.getActivityId() : name;
    }
}
