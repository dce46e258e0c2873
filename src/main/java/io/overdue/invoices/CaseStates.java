package io.overdue.invoices;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the invoice API shows of an invoice's collection case. Implemented by the dunning module, which owns
 * the case; declared here so that invoices need not depend on dunning.
 */
public interface CaseStates {

    Optional<CaseState> caseOf(String invoiceNumber);

    /**
     * @param state     ACTIVE, SUSPENDED or ENDED
     * @param waitingAt the steps the case is at now (e.g. "Await due date"), empty once ended
     * @param outcome   the end the case reached (e.g. "Case settled"), null while it runs
     */
    record CaseState(String caseId, String state, List<String> waitingAt, Instant startedAt, Instant endedAt,
                     String outcome) {
    }
}
