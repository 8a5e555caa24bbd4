-- Incidents the leads were told of: written before the message goes out, so each is told once.
create table cutover_notified_incident (
    incident_id varchar(64) primary key,
    notified_at timestamp   not null
);
