package io.overdue.workbench;

import io.overdue.channels.CallNotes;
import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CaseRefusedException;
import io.overdue.shared.Amounts;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violation;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a collector records from the customer file: a call, a promise, a dispute, a request for a plan, a hold, an
 * invoice copy sent again. Each goes through the same checks as the API (the case decides whether it takes it now);
 * the file then shows the result, or what was wrong with the form, which keeps what the collector typed.
 */
@Controller
class CustomerFileActions {

    private final CaseActions cases;
    private final CallNotes calls;
    private final CustomerFiles files;

    CustomerFileActions(CaseActions cases, CallNotes calls, CustomerFiles files) {
        this.cases = cases;
        this.calls = calls;
        this.files = files;
    }

    /** What became of a form: which, for which invoice, and when refused, why and what was typed. */
    public record Outcome(String action, String invoiceNumber, List<String> problems, Map<String, String> values) {
    }

    @PostMapping("/workbench/customers/{customerNumber}/calls")
    String logCall(@PathVariable String customerNumber, @RequestParam String invoice,
                   @RequestParam(required = false) String number, @RequestParam(required = false) String outcome,
                   @RequestParam(required = false) String note, @RequestParam String key,
                   Authentication user, RedirectAttributes redirect) {
        return act("call", customerNumber, invoice, Map.of("number", orEmpty(number), "outcome", orEmpty(outcome),
                "note", orEmpty(note)), redirect,
                () -> calls.log(invoice, customerNumber, number, outcome, note, user.getName(), key));
    }

    @PostMapping("/workbench/customers/{customerNumber}/promises")
    String promise(@PathVariable String customerNumber, @RequestParam String invoice,
                   @RequestParam(required = false) String promisedDate, @RequestParam(required = false) String amount,
                   @RequestParam(required = false) String note, @RequestParam String key, RedirectAttributes redirect) {
        return act("promise", customerNumber, invoice, Map.of("promisedDate", orEmpty(promisedDate),
                "amount", orEmpty(amount), "note", orEmpty(note)), redirect,
                () -> cases.promise(invoice, promisedDate, amount(amount), note, key));
    }

    @PostMapping("/workbench/customers/{customerNumber}/disputes")
    String dispute(@PathVariable String customerNumber, @RequestParam String invoice,
                   @RequestParam(required = false) String reason, @RequestParam(required = false) String amount,
                   @RequestParam String key, RedirectAttributes redirect) {
        return act("dispute", customerNumber, invoice, Map.of("reason", orEmpty(reason), "amount", orEmpty(amount)),
                redirect, () -> cases.dispute(invoice, reason, amount(amount), key));
    }

    @PostMapping("/workbench/customers/{customerNumber}/plan-requests")
    String requestPlan(@PathVariable String customerNumber, @RequestParam String invoice,
                       @RequestParam(required = false) String note, Authentication user, RedirectAttributes redirect) {
        return act("plan", customerNumber, invoice, Map.of("note", orEmpty(note)), redirect, () -> {
            cases.requestPaymentPlan(invoice, note, user.getName());
            return null;
        });
    }

    @PostMapping("/workbench/customers/{customerNumber}/holds")
    String hold(@PathVariable String customerNumber, @RequestParam String invoice,
                @RequestParam(required = false) String until, @RequestParam(required = false) String reason,
                Authentication user, RedirectAttributes redirect) {
        return act("hold", customerNumber, invoice, Map.of("until", orEmpty(until), "reason", orEmpty(reason)), redirect,
                () -> cases.hold(invoice, until, reason, user.getName()));
    }

    @PostMapping("/workbench/customers/{customerNumber}/holds/release")
    String releaseHold(@PathVariable String customerNumber, @RequestParam String invoice, Authentication user,
                       RedirectAttributes redirect) {
        return act("release", customerNumber, invoice, Map.of(), redirect, () -> {
            cases.releaseHold(invoice, user.getName());
            return null;
        });
    }

    @PostMapping("/workbench/customers/{customerNumber}/copies")
    String resendCopy(@PathVariable String customerNumber, @RequestParam String invoice, @RequestParam String key,
                      RedirectAttributes redirect) {
        return act("copy", customerNumber, invoice, Map.of(), redirect, () -> cases.resendInvoiceCopy(invoice, key));
    }

    private String act(String action, String customerNumber, String invoice, Map<String, String> values,
                       RedirectAttributes redirect, Supplier<?> work) {
        if (!files.invoiceOf(customerNumber, invoice)) {
            // Not this customer's: a mistyped or forged form, never a reason to touch another customer's case.
            throw new NotFoundException("Invoice " + invoice + " of customer", customerNumber);
        }
        String file = "redirect:/workbench/customers/" + WorkbenchController.encode(customerNumber);
        try {
            work.get();
            redirect.addFlashAttribute("done", new Outcome(action, invoice, List.of(), Map.of()));
            return file + "#invoice-" + WorkbenchController.encode(invoice);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("refused", new Outcome(action, invoice,
                    e.violations().stream().map(CustomerFileActions::describe).toList(), new LinkedHashMap<>(values)));
        } catch (ConflictException | CaseRefusedException e) {
            redirect.addFlashAttribute("refused", new Outcome(action, invoice, List.of(e.getMessage()),
                    new LinkedHashMap<>(values)));
        }
        return file + "#act-" + action;
    }

    private static String describe(Violation violation) {
        return violation.field() == null || violation.field().isEmpty() ? violation.message()
                : violation.field() + ": " + violation.message();
    }

    /** A typo in the amount is reported like the checks' own faults. */
    private static BigDecimal amount(String typed) {
        try {
            return Amounts.typed(typed);
        } catch (NumberFormatException e) {
            throw InvalidInputException.of("amount", "'" + typed + "' is not an amount (e.g. 1250.50)");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
