package io.overdue.dunning;

import io.overdue.invoices.InvoicesAccepted;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Case updates that wait for the engine. A bank file of thousands of payments books them in seconds, while the engine
 * needs milliseconds per case it ends; so inside {@link #queuing} the settlements and part payments of invoices are not
 * correlated at once but written here, in the booking transaction, and {@link CaseUpdateWorker} applies them in the
 * background. The invoice is paid the moment the payment is booked and no notice goes out for a paid invoice (the
 * sending step reads the invoice first), so the case that ends a little later sends nothing in between.
 */
@Service
public class CaseUpdateQueue {

    /** Invoices are spread over this many lanes; each worker takes its own, in order. */
    static final int LANES = 64;

    private static final ThreadLocal<Boolean> QUEUING = new ThreadLocal<>();

    private final AtomicInteger queuingNow = new AtomicInteger();

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;

    CaseUpdateQueue(NamedParameterJdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a case is told. */
    enum Kind {
        SETTLED, BALANCE_REDUCED
    }

    record Update(long id, String invoiceNumber, Kind kind, String settlement, int attempts) {
    }

    /**
     * Runs {@code work} so that the cases of the invoices it settles or reduces are moved later, by the worker, instead
     * of in its own transactions. Everything else (new invoices' cases, amendments) happens as usual.
     */
    public <T> T queuing(Supplier<T> work) {
        Boolean before = QUEUING.get();
        QUEUING.set(Boolean.TRUE);
        queuingNow.incrementAndGet();
        try {
            return work.get();
        } finally {
            queuingNow.decrementAndGet();
            if (before == null) {
                QUEUING.remove();
            } else {
                QUEUING.set(before);
            }
        }
    }

    boolean isQueuing() {
        return QUEUING.get() != null;
    }

    /** Whether a thread of this node is inside {@link #queuing} now, e.g. booking a large bank file. */
    boolean busy() {
        return queuingNow.get() > 0;
    }

    /** Updates not yet applied, failing ones included. */
    public long pending() {
        Long count = jdbc.getJdbcOperations().queryForObject("SELECT count(*) FROM case_update", Long.class);
        return count == null ? 0 : count;
    }

    /** Updates tried and failed at least once, waiting for their next attempt. */
    public long failing() {
        Long count = jdbc.getJdbcOperations().queryForObject("SELECT count(*) FROM case_update WHERE attempts > 0", Long.class);
        return count == null ? 0 : count;
    }

    /**
     * Queues the changes in the caller's transaction. Within a transaction they are gathered and written in one batch
     * just before it commits: a chunk of a bank file queues its hundred updates in one statement, not a hundred.
     */
    void add(List<InvoicesAccepted.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            write(changes);
            return;
        }
        @SuppressWarnings("unchecked")
        List<InvoicesAccepted.Change> gathered = (List<InvoicesAccepted.Change>) TransactionSynchronizationManager.getResource(this);
        if (gathered == null) {
            List<InvoicesAccepted.Change> fresh = new ArrayList<>();
            TransactionSynchronizationManager.bindResource(this, fresh);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    write(fresh);
                }

                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(CaseUpdateQueue.this);
                }
            });
            gathered = fresh;
        }
        gathered.addAll(changes);
    }

    private void write(List<InvoicesAccepted.Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        SqlParameterSource[] rows = changes.stream().map(change -> new MapSqlParameterSource()
                .addValue("invoice", change.invoiceNumber())
                .addValue("kind", (change.kind() == InvoicesAccepted.Kind.SETTLED ? Kind.SETTLED : Kind.BALANCE_REDUCED).name())
                .addValue("settlement", change.kind() == InvoicesAccepted.Kind.SETTLED ? change.status().name() : null)
                .addValue("lane", lane(change.invoiceNumber()))
                .addValue("now", now)).toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO case_update (invoice_number, kind, settlement, lane, queued_at, next_attempt_at)
                VALUES (:invoice, :kind, :settlement, :lane, :now, :now)""", rows);
    }

    static int lane(String invoiceNumber) {
        return Math.floorMod(invoiceNumber.hashCode(), LANES);
    }

    /**
     * The oldest updates of the lane that are due, locked for the caller's transaction: a second worker (another node)
     * waits for them and then no longer finds them.
     */
    List<Update> lockDue(int lane, int limit) {
        return jdbc.query("""
                SELECT id, invoice_number, kind, settlement, attempts FROM case_update
                WHERE lane = :lane AND next_attempt_at <= :now ORDER BY id
                FETCH FIRST :limit ROWS ONLY FOR UPDATE""", new MapSqlParameterSource("lane", lane)
                .addValue("now", Timestamp.from(clock.instant())).addValue("limit", limit), (rs, i) -> update(rs));
    }

    /** The update, locked for the caller's transaction, if it is still waiting. */
    java.util.Optional<Update> lock(long id) {
        return jdbc.query("SELECT id, invoice_number, kind, settlement, attempts FROM case_update WHERE id = :id FOR UPDATE",
                new MapSqlParameterSource("id", id), (rs, i) -> update(rs)).stream().findFirst();
    }

    void applied(Collection<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("DELETE FROM case_update WHERE id IN (:ids)", new MapSqlParameterSource("ids", ids));
        }
    }

    void failed(long id, int attempts, String error, Instant nextAttempt) {
        jdbc.update("UPDATE case_update SET attempts = :attempts, last_error = :error, next_attempt_at = :next WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("attempts", attempts)
                        .addValue("error", error == null ? null : error.substring(0, Math.min(error.length(), 2000)))
                        .addValue("next", Timestamp.from(nextAttempt)));
    }

    private static Update update(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Update(rs.getLong("id"), rs.getString("invoice_number"), Kind.valueOf(rs.getString("kind")),
                rs.getString("settlement"), rs.getInt("attempts"));
    }
}
