package io.overdue.plans;

import io.overdue.credit.CreditHolds;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.plans.PaymentPlanProcess.Stages;
import io.overdue.plans.ProposalRequest.InstalmentRequest;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What each step of {@code bpmn/payment-plan.bpmn} does, without the engine: the proposal from the collector's form,
 * the approval by policy, the confirmation, and the chase of the instalments one after another. The delegates read
 * the variables and call this; everything here runs in the engine's transaction.
 */
@Service
public class PlanCourse {

    /** The name the approval records when the policy approved a plan by itself. */
    public static final String APPROVED_BY_POLICY = "policy";
    static final String SYSTEM = "system";

    private static final Logger log = LoggerFactory.getLogger(PlanCourse.class);

    private final PaymentPlans plans;
    private final PlanStore store;
    private final PlanTerms terms;
    private final PaymentPlanDecisions decisions;
    private final PlanNotices notices;
    private final CreditHolds holds;
    private final CustomerService customers;
    private final Clock clock;
    private final ZoneId zone;
    private final LocalTime reminderTime;

    PlanCourse(PaymentPlans plans, PlanStore store, PlanTerms terms, PaymentPlanDecisions decisions,
               PlanNotices notices, CreditHolds holds, CustomerService customers, Clock clock,
               @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone,
               @Value("${overdue.plans.reminder-time:09:00}") LocalTime reminderTime) {
        this.plans = plans;
        this.store = store;
        this.terms = terms;
        this.decisions = decisions;
        this.notices = notices;
        this.holds = holds;
        this.customers = customers;
        this.clock = clock;
        this.zone = zone;
        this.reminderTime = reminderTime;
    }

    // ---------------------------------------------------------------- proposal

    /**
     * The collector's answers on the proposal form. Either an even split ({@code count}, {@code firstDate},
     * {@code interval}) or explicit {@code lines}, one instalment per line as {@code YYYY-MM-DD amount}.
     */
    public record ProposalAnswers(String split, Long count, String firstDate, String interval, String lines,
                                  boolean addPlanFee) {
        public static final String EVEN_SPLIT = "EVEN_SPLIT";
        public static final String EXPLICIT = "EXPLICIT";
    }

    /**
     * Stores the proposal as a PROPOSED plan, or throws {@link InvalidInputException} naming every fault in the form's
     * own field names (nothing stored).
     */
    // A refused proposal wrote nothing; it must not doom the caller's transaction (the engine's, for the form).
    @Transactional(noRollbackFor = InvalidInputException.class)
    public PaymentPlan propose(String invoiceNumber, ProposalAnswers answers, String proposedBy) {
        PlanTerms.Terms now = terms.forInvoice(invoiceNumber);
        Violations violations = new Violations();
        BigDecimal fee = now.fee(answers.addPlanFee(), PaymentPlanProcess.Variables.ADD_PLAN_FEE, violations);
        ProposalRequest request;
        if (ProposalAnswers.EXPLICIT.equals(answers.split())) {
            request = ProposalRequest.explicit(proposedBy, fee, lines(answers.lines(), violations));
        } else if (ProposalAnswers.EVEN_SPLIT.equals(answers.split())) {
            int count = answers.count() == null ? 0 : answers.count().intValue();
            if (answers.count() == null) {
                violations.add(PaymentPlanProcess.Variables.INSTALMENT_COUNT, "is required");
            }
            LocalDate first = date(answers.firstDate(), PaymentPlanProcess.Variables.FIRST_PAYMENT_DATE, violations);
            Period interval = period(answers.interval(), violations);
            request = ProposalRequest.evenSplit(proposedBy, fee, count, first, interval);
        } else {
            violations.add(PaymentPlanProcess.Variables.PLAN_SPLIT, "choose an even split or your own instalments");
            request = null;
        }
        if (request != null) {
            boolean even = request.evenSplit() != null;
            now.checkCount(even ? request.evenSplit().count() : request.instalments().size(),
                    even ? PaymentPlanProcess.Variables.INSTALMENT_COUNT : PaymentPlanProcess.Variables.INSTALMENT_LINES,
                    violations);
        }
        violations.throwIfAny();
        return plans.propose(invoiceNumber, request, now.claim(), now.limits());
    }

    private static List<InstalmentRequest> lines(String text, Violations violations) {
        String field = PaymentPlanProcess.Variables.INSTALMENT_LINES;
        List<InstalmentRequest> instalments = new ArrayList<>();
        if (text == null || text.isBlank()) {
            violations.add(field, "give one instalment per line: date and amount, e.g. 2026-12-15 2500.00");
            return instalments;
        }
        String[] rows = text.strip().split("\\R");
        for (int i = 0; i < rows.length; i++) {
            String[] parts = rows[i].strip().split("[\\s;]+");
            if (parts.length != 2) {
                violations.add(field, "line " + (i + 1) + " must be a date and an amount, not '" + rows[i].strip() + "'");
                continue;
            }
            try {
                instalments.add(new InstalmentRequest(LocalDate.parse(parts[0]), new BigDecimal(parts[1].replace(',', '.'))));
            } catch (DateTimeException | NumberFormatException e) {
                violations.add(field, "line " + (i + 1) + ": '" + rows[i].strip() + "' is not YYYY-MM-DD and an amount");
            }
        }
        return instalments;
    }

    private static LocalDate date(String text, String field, Violations violations) {
        if (text == null || text.isBlank()) {
            violations.add(field, "is required");
            return null;
        }
        try {
            return LocalDate.parse(text.strip().substring(0, Math.min(10, text.strip().length())));
        } catch (DateTimeException e) {
            violations.add(field, "'" + text + "' is not a date (YYYY-MM-DD)");
            return null;
        }
    }

    private static Period period(String text, Violations violations) {
        String field = PaymentPlanProcess.Variables.PAYMENT_INTERVAL;
        if (text == null || text.isBlank()) {
            violations.add(field, "is required, e.g. P1M for monthly");
            return null;
        }
        try {
            return Period.parse(text.strip());
        } catch (DateTimeException e) {
            violations.add(field, "'" + text + "' is not a period such as P1M or P14D");
            return null;
        }
    }

    // ---------------------------------------------------------------- approval

    /**
     * Asks the policy; an automatic approval is recorded at once (approved by {@value #APPROVED_BY_POLICY}), a plan
     * for a manager waits in AWAITING_APPROVAL.
     */
    @Transactional
    public PaymentPlanDecisions.Approval decideApproval(long planId) {
        PaymentPlan plan = plan(planId);
        PlanTerms.Terms now = terms.forPlan(plan);
        List<Instalment> instalments = plan.instalments();
        int lengthDays = (int) ChronoUnit.DAYS.between(instalments.get(0).dueDate(),
                instalments.get(instalments.size() - 1).dueDate());
        PaymentPlanDecisions.Approval approval = decisions.approval(now.customer().country(), now.customer().kind(),
                plan.amountDue(), instalments.size(), lengthDays, store.brokenPlansOfCustomer(now.customer().id()));
        if (approval.automatic()) {
            plans.approve(planId, APPROVED_BY_POLICY);
        } else {
            plans.requireApproval(planId);
        }
        log.info("Payment plan {}: approval {} ({})", planId, approval.approval(), approval.reason());
        return approval;
    }

    /** The manager's answer: approved → AWAITING_ACCEPTANCE, otherwise REJECTED. */
    @Transactional
    public boolean managerDecision(long planId, boolean approve, String manager) {
        String user = manager == null || manager.isBlank() ? "manager" : manager;
        if (approve) {
            plans.approve(planId, user);
        } else {
            plans.reject(planId, user);
        }
        return approve;
    }

    // ---------------------------------------------------------------- confirmation

    /** A collector received the customer's written confirmation by other means (letter, signed email). */
    @Transactional
    public PaymentPlan confirmedByCollector(long planId) {
        return plans.accept(planId, null, AcceptedHow.RECORDED_BY_COLLECTOR);
    }

    /**
     * The plan starts. Returns whether the customer's credit hold is to be lifted while it is kept: the policy says
     * so ({@code creditHoldWhileKept} false) and the customer is on hold.
     */
    @Transactional
    public boolean activate(long planId) {
        PaymentPlan plan = plans.activate(planId);
        PlanTerms.Terms now = terms.forPlan(plan);
        Customer customer = customers.get(now.customer().customerNumber());
        return !now.policy().creditHoldWhileKept() && customer.creditHold();
    }

    /** Lifts the hold for the plan; the next dunning level that asks for a hold places it again if the plan breaks. */
    @Transactional
    public void releaseCreditHold(long planId) {
        PaymentPlan plan = plan(planId);
        String customerNumber = terms.forPlan(plan).customer().customerNumber();
        holds.release(customerNumber, "Payment plan " + planId + " on invoice " + plan.invoiceNumber()
                + " accepted: deliveries resume while it is kept", "payment-plan");
    }

    /** No confirmation by the deadline. */
    @Transactional
    public void expire(long planId) {
        plans.expire(planId);
    }

    /** Withdrawn, or ended by an upheld dispute; nothing happens to a plan that ended already. */
    @Transactional
    public void cancel(long planId, String user) {
        if (plan(planId).status().live()) {
            plans.cancel(planId, user == null || user.isBlank() ? SYSTEM : user);
        }
    }

    // ---------------------------------------------------------------- instalments

    /**
     * What the plan waits for next.
     *
     * @param seq       the first instalment not paid in full (0 when all are)
     * @param stage     one of {@link Stages}
     * @param waitUntil when the wait of the stage ends (null for {@link Stages#ALL_PAID}); may be past, then it ends at once
     */
    public record Step(int seq, String stage, Instant waitUntil) {
    }

    /**
     * Reads the plan afresh: the first instalment not paid in full and where it stands. Before its reminder day:
     * REMIND; reminded (or too close to remind) and its date plus grace not over: DUE; after its missed-instalment
     * reminder: LAST_CHANCE until that reminder's deadline. A plan paid in full (or no longer active) is ALL_PAID.
     */
    @Transactional(readOnly = true)
    public Step next(long planId) {
        PaymentPlan plan = plan(planId);
        Optional<Instalment> open = plan.status() == PlanStatus.ACTIVE
                ? plan.instalments().stream().filter(i -> i.status() != InstalmentStatus.PAID).findFirst()
                : Optional.empty();
        if (open.isEmpty()) {
            return new Step(0, Stages.ALL_PAID, null);
        }
        Instalment instalment = open.get();
        PaymentPlanDecisions.Limits policy = terms.forPlan(plan).policy();
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (instalment.status() == InstalmentStatus.LATE || instalment.status() == InstalmentStatus.MISSED) {
            return new Step(instalment.seq(), Stages.LAST_CHANCE, dayAfter(missedDeadline(instalment, policy)));
        }
        if (instalment.remindedAt() == null && today.isBefore(instalment.dueDate())) {
            LocalDate reminderDay = instalment.dueDate().minusDays(policy.reminderDaysBefore());
            return new Step(instalment.seq(), Stages.REMIND, at(reminderDay));
        }
        return new Step(instalment.seq(), Stages.DUE, dayAfter(instalment.dueDate().plusDays(policy.graceDays())));
    }

    /** The reminder a few days before the date; nothing when it was paid or reminded meanwhile. */
    @Transactional
    public void remindDueSoon(long planId, int seq) {
        instalmentToChase(planId, seq).filter(i -> i.remindedAt() == null).ifPresent(instalment -> {
            PaymentPlan plan = plan(planId);
            notices.instalmentDueSoon(plan, instalment);
            plans.markReminded(planId, seq);
        });
    }

    /**
     * The date and grace passed unpaid: the instalment is LATE and the customer gets one reminder with a short
     * deadline ({@code missedDeadlineDays}). Nothing when it was paid meanwhile or the reminder went already.
     */
    @Transactional
    public void remindMissed(long planId, int seq) {
        instalmentToChase(planId, seq).filter(i -> i.status() == InstalmentStatus.OPEN).ifPresent(instalment -> {
            PaymentPlan plan = plan(planId);
            PaymentPlanDecisions.Limits policy = terms.forPlan(plan).policy();
            plans.markLate(planId, seq);
            PaymentPlan reminded = plans.markReminded(planId, seq);
            Instalment late = reminded.instalments().stream().filter(i -> i.seq() == seq).findFirst().orElseThrow();
            notices.instalmentMissed(reminded, late, missedDeadline(late, policy));
        });
    }

    /** The missed instalment's deadline passed: still unpaid → MISSED and the plan is BROKEN (true); paid → false. */
    @Transactional
    public boolean breakIfUnpaid(long planId, int seq) {
        Optional<Instalment> unpaid = instalmentToChase(planId, seq);
        if (unpaid.isEmpty()) {
            return false;
        }
        plans.markMissed(planId, seq);
        plans.breakPlan(planId);
        log.info("Payment plan {} broken: instalment {} unpaid after its last reminder", planId, seq);
        return true;
    }

    private Optional<Instalment> instalmentToChase(long planId, int seq) {
        PaymentPlan plan = plan(planId);
        if (plan.status() != PlanStatus.ACTIVE) {
            return Optional.empty();
        }
        return plan.instalments().stream().filter(i -> i.seq() == seq && i.status() != InstalmentStatus.PAID).findFirst();
    }

    private LocalDate missedDeadline(Instalment instalment, PaymentPlanDecisions.Limits policy) {
        LocalDate reminded = instalment.remindedAt() == null ? LocalDate.now(clock.withZone(zone))
                : LocalDate.ofInstant(instalment.remindedAt(), zone);
        return reminded.plusDays(policy.missedDeadlineDays());
    }

    /** The reminder time on that day, in the creditor's zone. */
    private Instant at(LocalDate day) {
        return day.atTime(reminderTime).atZone(zone).toInstant();
    }

    /** A day counts as a whole: its wait ends on the next morning. */
    private Instant dayAfter(LocalDate day) {
        return at(day.plusDays(1));
    }

    private PaymentPlan plan(long planId) {
        return plans.find(planId).orElseThrow(() -> new NotFoundException("Payment plan", String.valueOf(planId)));
    }
}
