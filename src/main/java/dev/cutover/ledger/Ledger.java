package dev.cutover.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.step.Outcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The run's ledger: one table in the engine's database. {@link #record} joins the transaction of
 * the job that runs the step, so a step whose job rolls back leaves no claim behind;
 * {@link #recordAtOnce} commits on its own, for what must survive that roll-back (a failure, a
 * job launched in an outside system that cannot be asked for it later).
 */
@Component
public class Ledger {

    private static final TypeReference<Map<String, String>> UNDO = new TypeReference<>() {};
    private static final int DETAIL_LIMIT = 4000;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectMapper json;
    private final Clock clock;

    Ledger(JdbcTemplate jdbc, PlatformTransactionManager transactions, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.clock = clock;
    }

    public void record(StepRecord record) {
        insert(record);
    }

    public void recordAtOnce(StepRecord record) {
        ownTransaction.executeWithoutResult(status -> insert(record));
    }

    /** What one process instance recorded for one activity (its BPMN id), oldest first. */
    public List<LedgerEntry> entries(String processInstanceId, String activityId) {
        return jdbc.query("select * from cutover_ledger where process_instance_id = ? and activity_id = ? order by id",
                this::entry, processInstanceId, activityId);
    }

    /** What a run's instances of one phase recorded for one activity, oldest first: a rollback's read. */
    public List<LedgerEntry> entries(String run, String phase, String activityId) {
        return jdbc.query("select * from cutover_ledger where run_key = ? and phase = ? and activity_id = ? order by id",
                this::entry, run, phase, activityId);
    }

    public List<LedgerEntry> entries(String run) {
        return jdbc.query("select * from cutover_ledger where run_key = ? order by id", this::entry, run);
    }

    /** The run's instance of a phase that recorded last, if any instance of it recorded anything. */
    public Optional<String> latestInstance(String run, String phase) {
        return jdbc.query("select process_instance_id from cutover_ledger where run_key = ? and phase = ?"
                        + " and process_instance_id is not null order by id desc",
                (row, rowNumber) -> row.getString(1), run, phase).stream().findFirst();
    }

    private void insert(StepRecord record) {
        jdbc.update("""
                        insert into cutover_ledger
                          (run_key, phase, step, activity_id, outcome, detail, undo, process_instance_id, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                record.run(), record.phase(), record.step(), record.activityId(), record.outcome().label(),
                truncate(record.detail()), toJson(record.undo()), record.processInstanceId(),
                Timestamp.from(clock.instant()));
    }

    private LedgerEntry entry(ResultSet row, int rowNumber) throws SQLException {
        return new LedgerEntry(
                row.getLong("id"),
                row.getString("run_key"),
                row.getString("phase"),
                row.getString("step"),
                row.getString("activity_id"),
                Outcome.ofLabel(row.getString("outcome")),
                row.getString("detail"),
                fromJson(row.getString("undo")),
                row.getString("process_instance_id"),
                row.getTimestamp("recorded_at").toInstant());
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= DETAIL_LIMIT ? detail : detail.substring(0, DETAIL_LIMIT);
    }

    private String toJson(Map<String, String> undo) {
        try {
            return json.writeValueAsString(undo);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the ledger's undo references", e);
        }
    }

    private Map<String, String> fromJson(String undo) {
        try {
            return undo == null ? Map.of() : json.readValue(undo, UNDO);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the ledger's undo references", e);
        }
    }
}
