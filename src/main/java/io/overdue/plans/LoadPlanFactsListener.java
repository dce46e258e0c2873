package io.overdue.plans;

import io.overdue.plans.PaymentPlanProcess.Elements;
import io.overdue.plans.PaymentPlanProcess.TaskFacts;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.shared.Amounts;
import io.overdue.shared.IsoCodes;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Engine glue: puts today's facts of the plan on a new plan task for its form (task-local, read-only), and gives a
 * fresh proposal sensible answers to start from. Answers live on the process, not the task: Tasklist writes the
 * submitted values onto the task's own variables when they exist there, and those vanish with the task.
 */
@Component(PaymentPlanProcess.Delegates.LOAD_PLAN_FACTS)
class LoadPlanFactsListener implements TaskListener {

    /** The first instalment of a suggested plan is due this long after the proposal. */
    static final Period FIRST_PAYMENT_AFTER = Period.ofDays(14);
    static final String MONTHLY = "P1M";

    private final PlanTerms terms;
    private final PaymentPlans plans;
    private final Clock clock;
    private final ZoneId zone;

    LoadPlanFactsListener(PlanTerms terms, PaymentPlans plans, Clock clock,
                          @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.terms = terms;
        this.plans = plans;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void notify(DelegateTask task) {
        String invoiceNumber = (String) task.getVariable(Variables.INVOICE_NUMBER);
        Map<String, Object> facts = new HashMap<>();
        if (Elements.PROPOSE_PAYMENT_PLAN.equals(task.getTaskDefinitionKey())) {
            PlanTerms.Terms now = terms.forInvoice(invoiceNumber);
            facts.putAll(termsFacts(now));
            LocalDate first = LocalDate.now(clock.withZone(zone)).plus(FIRST_PAYMENT_AFTER);
            int count = suggestedCount(now);
            facts.put(TaskFacts.SUGGESTED_SPLIT, suggestion(now, count, first));
            if (task.getVariable(Variables.PROPOSAL_PROBLEMS) == null) {
                // A fresh proposal starts from the suggestion; a refused one keeps what the collector typed.
                task.getExecution().removeVariables(List.of(Variables.PLAN_PROPOSAL, Variables.INSTALMENT_LINES,
                        Variables.ADD_PLAN_FEE, Variables.PLAN_NOTES));
                task.getExecution().setVariable(Variables.PLAN_SPLIT, PlanCourse.ProposalAnswers.EVEN_SPLIT);
                task.getExecution().setVariable(Variables.INSTALMENT_COUNT, (long) count);
                task.getExecution().setVariable(Variables.FIRST_PAYMENT_DATE, first.toString());
                task.getExecution().setVariable(Variables.PAYMENT_INTERVAL, MONTHLY);
            }
        } else {
            PaymentPlan plan = plans.find(((Number) task.getVariable(Variables.PLAN_ID)).longValue()).orElseThrow();
            facts.putAll(termsFacts(terms.forPlan(plan)));
            facts.put(TaskFacts.PLAN_SUMMARY, summary(plan));
            task.getExecution().removeVariables(List.of(Variables.PLAN_APPROVAL_DECISION, Variables.PLAN_APPROVAL_NOTES,
                    Variables.PLAN_CONFIRMATION, Variables.CONFIRMATION_NOTES));
        }
        task.setVariablesLocal(facts);
    }

    private static Map<String, Object> termsFacts(PlanTerms.Terms now) {
        Map<String, Object> facts = new HashMap<>();
        String currency = now.claim().currency();
        facts.put(TaskFacts.CUSTOMER_NAME, now.customer().name());
        facts.put(TaskFacts.CURRENCY, currency);
        facts.put(TaskFacts.CLAIM, Amounts.withCurrency(now.claim().total(), currency));
        List<String> lines = new ArrayList<>();
        lines.add("At most " + now.policy().maxInstalments() + " instalments, the last within "
                + now.policy().maxLengthDays() + " days");
        lines.add("No instalment below " + Amounts.withCurrency(now.policy().minInstalment(), currency));
        lines.add(now.planFee() == null ? "No plan fee may be charged"
                : "A plan fee of " + Amounts.withCurrency(now.planFee(), currency) + " may be added");
        lines.add("Reminder " + now.policy().reminderDaysBefore() + " days before each date; missed after "
                + now.policy().graceDays() + " days' grace, then " + now.policy().missedDeadlineDays()
                + " days to pay before the plan breaks");
        lines.add("The customer has " + now.policy().acceptanceDays() + " days to accept");
        facts.put(TaskFacts.PLAN_TERMS, String.join("\n", lines));
        return facts;
    }

    /** The fewest instalments that keep each within the minimum, at least 2 and at most the policy's maximum. */
    static int suggestedCount(PlanTerms.Terms now) {
        int max = Math.max(2, now.policy().maxInstalments());
        BigDecimal minimum = now.policy().minInstalment();
        if (minimum.signum() <= 0) {
            return Math.min(3, max);
        }
        int fit = now.claim().total().divideToIntegralValue(minimum).intValue();
        return Math.max(2, Math.min(Math.min(3, max), fit));
    }

    private static String suggestion(PlanTerms.Terms now, int count, LocalDate first) {
        int digits = IsoCodes.fractionDigits(now.claim().currency());
        List<ProposalRequest.InstalmentRequest> split = PaymentPlans.split(now.claim().total(), digits,
                new ProposalRequest.EvenSplit(count, first, Period.parse(MONTHLY)));
        List<String> lines = new ArrayList<>();
        split.forEach(i -> lines.add(i.dueDate() + "  " + Amounts.withCurrency(i.amount(), now.claim().currency())));
        return String.join("\n", lines);
    }

    private static String summary(PaymentPlan plan) {
        List<String> lines = new ArrayList<>();
        plan.instalments().forEach(i -> lines.add(i.seq() + ". " + i.dueDate() + "  " + Amounts.withCurrency(i.amount(), plan.currency())
                + (i.status() == InstalmentStatus.OPEN ? "" : "  (" + i.status() + ")")));
        lines.add("Total " + Amounts.withCurrency(plan.amountDue(), plan.currency())
                + (plan.planFee() == null ? "" : ", including a plan fee of " + Amounts.withCurrency(plan.planFee(), plan.currency())));
        lines.add("Proposed by " + plan.proposedBy() + " on " + LocalDate.ofInstant(plan.proposedAt(), ZoneId.of("UTC")));
        return String.join("\n", lines);
    }
}
