package io.overdue.dunning;

import io.overdue.credit.CreditHolds;
import io.overdue.customers.CreditHoldSource;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Engine glue for lifting the policy's credit hold at the end of a case. The gateway before it asks
 * {@code ${releaseCreditHold.isNeeded(invoiceNumber)}}, so that a case of a customer without a hold does not make a
 * job at all; the task itself is asynchronous, because {@link CreditHolds#releaseIfClear} reads only what the
 * settling transaction committed.
 */
@Component(CollectionCaseProcess.Delegates.RELEASE_CREDIT_HOLD)
public class ReleaseCreditHoldDelegate implements JavaDelegate {

    private final CreditHolds holds;
    private final CaseFacts caseFacts;
    private final CustomerService customers;

    ReleaseCreditHoldDelegate(CreditHolds holds, CaseFacts caseFacts, CustomerService customers) {
        this.holds = holds;
        this.caseFacts = caseFacts;
        this.customers = customers;
    }

    /**
     * Whether the invoice's customer is on a hold this case may lift: the policy's own. The ERP's and a manager's
     * holds are theirs to lift (docs/credit-hold.md). Whether nothing else is overdue is for the release to decide.
     */
    public boolean isNeeded(String invoiceNumber) {
        Customer customer = customers.get(caseFacts.of(invoiceNumber).customer().customerNumber());
        return customer.creditHold() && customer.creditHoldSource() == CreditHoldSource.POLICY;
    }

    @Override
    public void execute(DelegateExecution execution) {
        holds.releaseIfClear(caseFacts.of(CaseVariables.invoiceNumber(execution)).customer().customerNumber());
    }
}
