package io.overdue.invoices;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Runs work in its own transaction and repeats it when a concurrent writer got there first: a unique key
 * taken, an invoice version moved on, a row lock lost, or the engine's own optimistic lock. A new transaction
 * sees what the other one committed, so the repeat decides afresh instead of overwriting it. Inside a transaction
 * that is already running, the work simply joins it and a conflict goes to whoever started that transaction.
 */
@Component
public class ConflictRetry {

    private static final Logger log = LoggerFactory.getLogger(ConflictRetry.class);

    private final TransactionTemplate transaction;

    ConflictRetry(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    /**
     * @param attempts how often to try in all; many writers of one invoice need up to one attempt each,
     *                 since each round lets at least one of them commit
     */
    public <T> T inTransaction(String what, int attempts, Supplier<T> work) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            // Called from within a larger unit (a bank payment booked on its invoice): a conflict spoils the whole
            // transaction, so repeating this part inside it cannot succeed. The unit's owner retries all of it.
            return work.get();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> work.get());
            } catch (DuplicateKeyException | ConcurrencyFailureException | OptimisticLockingException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.info("Concurrent write of {}, retrying (attempt {}): {}", what, attempt, e.getClass().getSimpleName());
                pause(attempt);
            }
        }
    }

    /** A short random pause, so that writers who collided do not collide again in lockstep. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 10L * Math.min(attempt, 10) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
