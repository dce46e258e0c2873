package io.overdue.dunning;

import io.overdue.credit.CreditHolds;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Engine glue for credit holds. {@link CreditHolds} commits the hold before calling the webhook and throws when the
 * webhook fails, so both tasks are asynchronous with retries in the model; a retry re-sends the same event.
 */
@Configuration(proxyBeanMethods = false)
class CreditHoldDelegates {

    /** The level just sent asked for a hold: the customer's deliveries stop (docs/credit-hold.md). */
    @Bean(CollectionCaseProcess.Delegates.PLACE_CREDIT_HOLD)
    JavaDelegate placeCreditHold(CreditHolds holds, CaseFacts caseFacts, DunningNotices notices) {
        return execution -> {
            String invoiceNumber = CaseVariables.invoiceNumber(execution);
            int level = CaseVariables.level(execution);
            String reason = notices.find(invoiceNumber, level, CaseVariables.round(execution))
                    .map(notice -> "level " + level + ": " + notice.template()).orElse("level " + level);
            holds.place(customerNumber(caseFacts, invoiceNumber), invoiceNumber, reason);
        };
    }

    /**
     * Lifts the policy's hold when nothing of the customer is overdue any more. Must run after the settling
     * transaction committed ({@link CreditHolds#releaseIfClear} reads committed data only): the model makes it
     * asynchronous.
     */
    @Bean(CollectionCaseProcess.Delegates.RELEASE_CREDIT_HOLD)
    JavaDelegate releaseCreditHold(CreditHolds holds, CaseFacts caseFacts) {
        return execution -> holds.releaseIfClear(customerNumber(caseFacts, CaseVariables.invoiceNumber(execution)));
    }

    private static String customerNumber(CaseFacts caseFacts, String invoiceNumber) {
        return caseFacts.of(invoiceNumber).customer().customerNumber();
    }
}
