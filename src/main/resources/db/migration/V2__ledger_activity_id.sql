-- Steps are found by the activity that recorded them (the BPMN id, stable across renames of the
-- runbook's words); a rollback reads a run's ledger across its phases.
alter table cutover_ledger add column activity_id varchar(255);

create index cutover_ledger_activity on cutover_ledger (process_instance_id, activity_id);
create index cutover_ledger_run_key on cutover_ledger (run_key);
