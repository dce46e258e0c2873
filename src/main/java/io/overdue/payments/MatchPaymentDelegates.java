package io.overdue.payments;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.payments.MatchPaymentProcess.Delegates;
import io.overdue.payments.MatchPaymentProcess.Errors;
import io.overdue.payments.MatchPaymentProcess.TaskFacts;
import io.overdue.payments.MatchPaymentProcess.Variables;
import io.overdue.shared.Amounts;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Engine glue of {@code bpmn/match-payment.bpmn}: the task's facts and suggestions when it is created, and the
 * booking of the collector's choice. The booking runs in the engine's transaction, so the payment's match, the
 * invoice's balance and the process step commit together or not at all.
 */
@Configuration(proxyBeanMethods = false)
class MatchPaymentDelegates {

    /**
     * Puts the payment and the suggestions on the new task (task-local, read-only; the suggestions as a Json list of
     * {@code {label, value}} the form's radio group shows, with "another invoice" last). A fresh task starts from
     * "book on an invoice", and from "another invoice" when there is nothing to suggest; a task after a refusal keeps
     * what the collector chose.
     */
    @Bean(Delegates.LOAD_MATCH_SUGGESTIONS)
    TaskListener loadMatchSuggestions(BankPaymentStore store, PaymentSuggestions suggestions, ObjectMapper json) {
        return task -> {
            String paymentId = paymentId(task);
            BankPayment payment = store.find(paymentId)
                    .orElseThrow(() -> new IllegalStateException("payment " + paymentId + " is not stored"));
            List<PaymentSuggestions.Suggestion> found = suggestions.suggest(payment);
            List<Map<String, String>> options = new ArrayList<>();
            found.forEach(s -> options.add(option(s.label(), s.invoiceNumber())));
            options.add(option(found.isEmpty() ? "None of the invoices fits: I type the invoice number"
                    : "Another invoice: I type its number", Variables.ANOTHER_INVOICE));
            Map<String, Object> facts = new HashMap<>();
            facts.put(TaskFacts.AMOUNT, Amounts.withCurrency(payment.amount(), payment.currency()));
            facts.put(TaskFacts.BOOKED_ON, payment.bookedOn().toString());
            facts.put(TaskFacts.REFERENCE, payment.reference());
            facts.put(TaskFacts.TEXT, payment.text());
            facts.put(TaskFacts.PAYER, payment.payer());
            facts.put(TaskFacts.STATUS, payment.status().name());
            facts.put(TaskFacts.UNMATCHED_REASON, payment.reason());
            try {
                facts.put(TaskFacts.SUGGESTIONS, SpinValues.jsonValue(json.writeValueAsString(options)).create());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("suggestions of payment " + paymentId + " cannot be written", e);
            }
            task.setVariablesLocal(facts);
            if (task.getVariable(Variables.MATCH_PROBLEMS) == null) {
                task.getExecution().setVariable(Variables.MATCH_DECISION, MatchPaymentProcess.Decisions.BOOK_ON_INVOICE);
                if (found.isEmpty()) {
                    task.getExecution().setVariable(Variables.SUGGESTED_INVOICE, Variables.ANOTHER_INVOICE);
                }
            }
        };
    }

    /**
     * Books the payment on the invoice chosen (a suggestion, or the number typed for "another invoice") through
     * {@link PaymentIntake#matchByHand}, with the collector who completed the task as matchedBy. A refusal throws the
     * BPMN error {@link Errors#MATCH_REFUSED} with the reasons in {@link Variables#MATCH_PROBLEMS}; nothing was written.
     */
    @Bean(Delegates.BOOK_PAYMENT_MATCH)
    JavaDelegate bookPaymentMatch(PaymentIntake intake, MatchPaymentTasks tasks) {
        return execution -> {
            String paymentId = paymentId(execution);
            String chosen = text(execution, Variables.SUGGESTED_INVOICE);
            String invoiceNumber = chosen == null || Variables.ANOTHER_INVOICE.equals(chosen)
                    ? text(execution, Variables.INVOICE_NUMBER) : chosen;
            String collector = text(execution, Variables.DECIDED_BY);
            try {
                tasks.bookingFromTask(paymentId, () -> intake.matchByHand(paymentId,
                        invoiceNumber == null ? null : invoiceNumber.strip(), collector));
                execution.removeVariable(Variables.MATCH_PROBLEMS);
            } catch (InvalidInputException e) {
                refused(execution, e.violations().stream().map(v -> "- " + v.message()).collect(Collectors.joining("\n")));
            } catch (ConflictException e) {
                refused(execution, "- " + e.getMessage());
            }
        };
    }

    /**
     * Keeps the payment whole as the credit balance of the customer named, through {@link PaymentIntake#creditByHand};
     * the credit gets its own task. An unknown customer throws {@link Errors#MATCH_REFUSED} like a refused match.
     */
    @Bean(Delegates.KEEP_PAYMENT_AS_CREDIT)
    JavaDelegate keepPaymentAsCredit(PaymentIntake intake, MatchPaymentTasks tasks) {
        return execution -> {
            String paymentId = paymentId(execution);
            String customerNumber = text(execution, Variables.CREDIT_CUSTOMER_NUMBER);
            String collector = text(execution, Variables.DECIDED_BY);
            try {
                tasks.bookingFromTask(paymentId, () -> intake.creditByHand(paymentId, customerNumber, collector));
                execution.removeVariable(Variables.MATCH_PROBLEMS);
            } catch (InvalidInputException e) {
                refused(execution, e.violations().stream().map(v -> "- " + v.message()).collect(Collectors.joining("\n")));
            } catch (ConflictException e) {
                refused(execution, "- " + e.getMessage());
            }
        };
    }

    private static void refused(DelegateExecution execution, String problems) {
        execution.setVariable(Variables.MATCH_PROBLEMS, problems);
        throw new BpmnError(Errors.MATCH_REFUSED, problems);
    }

    private static Map<String, String> option(String label, String value) {
        Map<String, String> option = new LinkedHashMap<>();
        option.put("label", label);
        option.put("value", value);
        return option;
    }

    private static String paymentId(VariableScope scope) {
        String paymentId = text(scope, Variables.PAYMENT_ID);
        if (paymentId == null) {
            throw new IllegalStateException("variable " + Variables.PAYMENT_ID + " is not set");
        }
        return paymentId;
    }

    private static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString();
    }
}
