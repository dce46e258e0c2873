package io.overdue.dunning;

import io.overdue.credit.CreditHolds;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Engine glue for "Place credit hold": the level just sent asked for one, so the customer's deliveries stop
 * (docs/credit-hold.md). {@link CreditHolds} commits the hold before calling the webhook and throws when the webhook
 * fails, so the task is asynchronous with retries; a retry re-sends the same event.
 */
@Component(CollectionCaseProcess.Delegates.PLACE_CREDIT_HOLD)
class PlaceCreditHoldDelegate implements JavaDelegate {

    private final CreditHolds holds;
    private final CaseFacts caseFacts;
    private final DunningNotices notices;

    PlaceCreditHoldDelegate(CreditHolds holds, CaseFacts caseFacts, DunningNotices notices) {
        this.holds = holds;
        this.caseFacts = caseFacts;
        this.notices = notices;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String invoiceNumber = CaseVariables.invoiceNumber(execution);
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        if (facts.invoice().status().isClosed()) {
            // Paid (e.g. by a large bank file) while its case waits for the settlement to reach it: no hold for that.
            return;
        }
        int level = CaseVariables.level(execution);
        // The reason the webhook and the history show, e.g. "level 3: inkassovarsel".
        String reason = notices.find(invoiceNumber, level, CaseVariables.round(execution))
                .map(notice -> "level " + level + ": " + notice.template()).orElse("level " + level);
        holds.place(facts.customer().customerNumber(), invoiceNumber, reason);
    }
}
