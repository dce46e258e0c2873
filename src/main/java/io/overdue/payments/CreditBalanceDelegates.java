package io.overdue.payments;

import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.Owed;
import io.overdue.payments.CreditBalanceProcess.Delegates;
import io.overdue.payments.CreditBalanceProcess.Errors;
import io.overdue.payments.CreditBalanceProcess.Settlement;
import io.overdue.payments.CreditBalanceProcess.TaskFacts;
import io.overdue.payments.CreditBalanceProcess.Variables;
import io.overdue.shared.Amounts;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Engine glue of {@code bpmn/credit-balance.bpmn}: puts the credit's facts on the collector's task and books the
 * collector's choice through {@link CreditBalances}, in the engine's transaction.
 */
@Configuration(proxyBeanMethods = false)
class CreditBalanceDelegates {

    /**
     * The credit, its payment and the customer's open invoices in its currency (task-local, read-only); a fresh task
     * starts without the previous answers, a refused one keeps them.
     */
    @Bean(Delegates.LOAD_CREDIT_FACTS)
    TaskListener loadCreditFacts(CreditBalances credits, BankPaymentStore payments, CustomerService customers,
                                 InvoiceService invoices, InvoiceAdjustments adjustments) {
        return task -> {
            CreditBalance credit = credits.get(creditId(task.getExecution()));
            Map<String, Object> facts = new HashMap<>();
            customers.ref(credit.customerId()).ifPresent(customer -> {
                facts.put(TaskFacts.CUSTOMER_NAME, customer.name());
                facts.put(TaskFacts.CUSTOMER_NUMBER, customer.customerNumber());
            });
            facts.put(TaskFacts.CREDIT_AMOUNT, Amounts.withCurrency(credit.amount(), credit.currency()));
            facts.put(TaskFacts.CREDIT_OPEN, Amounts.withCurrency(credit.openAmount(), credit.currency()));
            facts.put(TaskFacts.CREDIT_REASON, credit.reason());
            facts.put(TaskFacts.CREDIT_PAYMENT, payments.find(credit.paymentId()).map(CreditBalanceDelegates::describe)
                    .orElse(credit.paymentId()));
            List<String> open = invoices.openInvoices(credit.customerId()).stream()
                    .filter(invoice -> invoice.currency().equals(credit.currency()))
                    .map(invoice -> describe(invoice, adjustments.owed(invoice.invoiceNumber())))
                    .toList();
            facts.put(TaskFacts.OPEN_INVOICES, open.isEmpty() ? "none: refund the credit" : String.join("\n", open));
            if (task.getVariable(Variables.SETTLEMENT_PROBLEMS) == null) {
                task.getExecution().removeVariables(List.of(Variables.CREDIT_SETTLEMENT, Variables.OFFSET_INVOICE_NUMBER,
                        Variables.REFUND_NOTE));
            }
            task.setVariablesLocal(facts);
        };
    }

    /**
     * Books the offset or refund; sets {@link Variables#CREDIT_LEFT}. A refused choice throws the BPMN error
     * {@link Errors#SETTLEMENT_INVALID} with every fault in {@link Variables#SETTLEMENT_PROBLEMS}, back to the
     * collector, and nothing is booked.
     */
    @Bean(Delegates.BOOK_CREDIT_SETTLEMENT)
    JavaDelegate bookCreditSettlement(CreditBalances credits) {
        return execution -> {
            long creditId = creditId(execution);
            String decider = (String) execution.getVariable(Variables.DECIDED_BY);
            try {
                Object answer = execution.getVariable(Variables.CREDIT_SETTLEMENT);
                CreditBalance after;
                if (Settlement.OFFSET.name().equals(answer)) {
                    after = credits.offset(creditId, (String) execution.getVariable(Variables.OFFSET_INVOICE_NUMBER), decider);
                } else if (Settlement.REFUND.name().equals(answer)) {
                    after = credits.refund(creditId, (String) execution.getVariable(Variables.REFUND_NOTE), decider);
                } else {
                    throw InvalidInputException.of(Variables.CREDIT_SETTLEMENT, "must be OFFSET or REFUND, not " + answer);
                }
                execution.setVariable(Variables.CREDIT_LEFT, after.status() == CreditBalance.Status.OPEN);
                execution.removeVariable(Variables.SETTLEMENT_PROBLEMS);
            } catch (InvalidInputException e) {
                String problems = e.violations().stream().map(CreditBalanceDelegates::line).collect(Collectors.joining("\n"));
                execution.setVariable(Variables.SETTLEMENT_PROBLEMS, problems);
                throw new BpmnError(Errors.SETTLEMENT_INVALID, problems);
            }
        };
    }

    private static long creditId(DelegateExecution execution) {
        Object id = execution.getVariable(Variables.CREDIT_ID);
        if (!(id instanceof Number number)) {
            throw new IllegalStateException("variable " + Variables.CREDIT_ID + " is not set");
        }
        return number.longValue();
    }

    private static String line(Violation violation) {
        return violation.field() == null || violation.field().isBlank() ? violation.message()
                : violation.field() + ": " + violation.message();
    }

    private static String describe(BankPayment payment) {
        return payment.paymentId() + ": " + Amounts.withCurrency(payment.amount(), payment.currency()) + " booked " + payment.bookedOn()
                + (payment.payer() == null ? "" : " from " + payment.payer())
                + (payment.reference() == null ? "" : ", reference " + payment.reference())
                + (payment.text() == null ? "" : ", \"" + payment.text() + "\"");
    }

    private static String describe(Invoice invoice, Owed owed) {
        return invoice.invoiceNumber() + ": owes " + Amounts.withCurrency(owed.total(), owed.currency()) + ", due " + invoice.dueDate();
    }
}
