package dev.cutover.rehearsal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.context.annotation.Profile;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated world's state: one JSON document per system, in the engine's database, so a
 * restarted rehearsal finds the world its runs left. A change commits on its own, as an outside
 * system's would: a step whose job rolls back does not undo what it did to the world, which is
 * exactly what its retry must cope with.
 */
@Component
@Profile("rehearsal")
public class WorldStore {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final ObjectMapper json;
    private final Clock clock;

    WorldStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = new ObjectMapper().findAndRegisterModules()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.clock = clock;
    }

    /** The system's state as it is now (its initial state if nothing has touched it yet). */
    public <T> T read(String system, Class<T> type, Supplier<T> initial) {
        return ownTransaction.execute(status -> load(system, type, initial, false));
    }

    /** Changes the system's state under a row lock, so concurrent steps never lose an update. */
    public <T, R> R change(String system, Class<T> type, Supplier<T> initial, Function<T, R> change) {
        return ownTransaction.execute(status -> {
            T state = load(system, type, initial, true);
            R result = change.apply(state);
            jdbc.update("update rehearsal_world set state = ?, updated_at = ? where system = ?",
                    write(state), Timestamp.from(clock.instant()), system);
            return result;
        });
    }

    /** Every system's stored state, as JSON trees. */
    public Map<String, JsonNode> stored() {
        Map<String, JsonNode> all = new LinkedHashMap<>();
        jdbc.query("select system, state from rehearsal_world order by system",
                row -> {
                    all.put(row.getString("system"), readTree(row.getString("state")));
                });
        return all;
    }

    /** When each system last changed, as the world recorded it. */
    public Map<String, java.time.Instant> changedAt() {
        Map<String, java.time.Instant> changed = new LinkedHashMap<>();
        jdbc.query("select system, updated_at from rehearsal_world order by updated_at desc",
                row -> {
                    changed.put(row.getString("system"), row.getTimestamp("updated_at").toInstant());
                });
        return changed;
    }

    public JsonNode toTree(Object state) {
        return json.valueToTree(state);
    }

    /** Back to the world as the runbook found it. */
    public void reset() {
        ownTransaction.executeWithoutResult(status -> jdbc.update("delete from rehearsal_world"));
    }

    private <T> T load(String system, Class<T> type, Supplier<T> initial, boolean lock) {
        String query = "select state from rehearsal_world where system = ?" + (lock ? " for update" : "");
        List<String> found = jdbc.queryForList(query, String.class, system);
        if (!found.isEmpty()) {
            return read(found.get(0), type);
        }
        if (!lock) {
            return initial.get();
        }
        T state = initial.get();
        try {
            jdbc.update("insert into rehearsal_world (system, state, updated_at) values (?, ?, ?)",
                    system, write(state), Timestamp.from(clock.instant()));
            return state;
        } catch (DuplicateKeyException concurrentFirstTouch) {
            return read(jdbc.queryForObject(query, String.class, system), type);
        }
    }

    private String write(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the simulated world", e);
        }
    }

    private <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the simulated world; reset it", e);
        }
    }

    private JsonNode readTree(String stored) {
        try {
            return json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the simulated world; reset it", e);
        }
    }
}
