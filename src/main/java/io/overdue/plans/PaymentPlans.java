package io.overdue.plans;

import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceStatus;
import io.overdue.plans.ProposalRequest.EvenSplit;
import io.overdue.plans.ProposalRequest.InstalmentRequest;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Payment plans of invoices: proposed against the claim and the policy's limits the caller supplies, moved through
 * approval, the customer's confirmation and their end, and paid by payments allocated to their instalments oldest
 * first. Every change checks the plan's state (a {@link ConflictException} when the plan is not in one the change
 * starts from) and its version ({@link OptimisticLockingFailureException} when it changed in between).
 */
@Service
public class PaymentPlans {

    private static final Logger log = LoggerFactory.getLogger(PaymentPlans.class);

    /** {@code ended_by} of a plan that ended because its invoice was settled otherwise: nobody decided it. */
    public static final String SYSTEM = "system";

    private final PlanStore store;
    private final InvoiceService invoices;
    private final PlanAcceptanceTokens tokens;
    private final Clock clock;
    private final ZoneId zone;

    PaymentPlans(PlanStore store, InvoiceService invoices, PlanAcceptanceTokens tokens, Clock clock,
                 @Value("${overdue.dunning.zone:Europe/Oslo}") ZoneId zone) {
        this.store = store;
        this.invoices = invoices;
        this.tokens = tokens;
        this.clock = clock;
        this.zone = zone;
    }

    // ---------------------------------------------------------------- proposal

    /**
     * Stores a proposed plan (status PROPOSED) for the invoice, or writes nothing and throws
     * {@link InvalidInputException} naming every field at fault: the instalments must add up exactly to the claim plus
     * the plan fee, in the currency's minor units, with dates strictly ascending, the first not before today and the
     * last within {@code limits.maxLength()} of today, none below {@code limits.minInstalment()}.
     *
     * @throws NotFoundException when the invoice does not exist
     * @throws ConflictException when the invoice already has a live plan
     */
    // A refused proposal wrote nothing; it must not doom the caller's transaction (the engine's, for the form).
    @Transactional(noRollbackFor = InvalidInputException.class)
    public PaymentPlan propose(String invoiceNumber, ProposalRequest request, Claim claim, PlanLimits limits) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        if (request == null) {
            throw InvalidInputException.of("", "a plan proposal is required");
        }
        if (claim == null || limits == null || limits.maxLength() == null || limits.minInstalment() == null) {
            throw new IllegalArgumentException("a plan needs the claim and the policy's limits, not " + claim + ", " + limits);
        }
        Violations violations = new Violations();
        if (invoice.status() != InvoiceStatus.OPEN) {
            violations.add("invoiceNumber", "the invoice is " + invoice.status() + "; only an open invoice can have a plan");
        }
        if (!IsoCodes.isCurrency(claim.currency()) || !claim.currency().equals(invoice.currency())) {
            violations.add("claim.currency", "must be the invoice's currency " + invoice.currency() + ", not "
                    + claim.currency());
            violations.throwIfAny();
        }
        int digits = IsoCodes.fractionDigits(claim.currency());
        if (claim.total() == null || claim.total().signum() <= 0) {
            violations.add("claim.total", "must be greater than 0, not " + claim.total());
        } else if (!exact(claim.total(), digits)) {
            violations.add("claim.total", "has more decimals than " + claim.currency() + " has (" + digits + ")");
        }
        if (request.proposedBy() == null || request.proposedBy().isBlank()) {
            violations.add("proposedBy", "must name who proposes the plan");
        } else if (request.proposedBy().length() > 64) {
            violations.add("proposedBy", "must be at most 64 characters");
        }
        if (request.planFee() != null) {
            if (request.planFee().signum() <= 0) {
                violations.add("planFee", "must be greater than 0 or left out, not " + request.planFee());
            } else if (!exact(request.planFee(), digits)) {
                violations.add("planFee", "has more decimals than " + claim.currency() + " has (" + digits + ")");
            }
        }
        if ((request.instalments() == null) == (request.evenSplit() == null)) {
            violations.add("instalments", "give either the instalments or an evenSplit, not "
                    + (request.instalments() == null ? "neither" : "both"));
        }
        violations.throwIfAny();

        BigDecimal due = request.planFee() == null ? claim.total() : claim.total().add(request.planFee());
        LocalDate today = LocalDate.now(clock.withZone(zone));
        LocalDate lastAllowed = today.plus(limits.maxLength());
        List<InstalmentRequest> instalments = request.evenSplit() != null
                ? checkEvenSplit(request.evenSplit(), due, digits, today, lastAllowed, limits, violations)
                : checkInstalments(request.instalments(), due, digits, today, lastAllowed, limits, claim.currency(),
                        violations);
        violations.throwIfAny();

        store.live(invoiceNumber).ifPresent(live -> {
            throw new ConflictException("invoice " + invoiceNumber + " already has a live payment plan (" + live.id()
                    + ", " + live.status() + ")");
        });
        long id = store.insert(invoiceNumber, claim.currency(), claim.total(), request.planFee(),
                request.proposedBy().strip(), clock.instant(), instalments);
        log.info("Payment plan {} proposed on invoice {} by {}: {} {} in {} instalments, {} to {}", id, invoiceNumber,
                request.proposedBy(), due, claim.currency(), instalments.size(), instalments.get(0).dueDate(),
                instalments.get(instalments.size() - 1).dueDate());
        return store.find(id).orElseThrow();
    }

    private List<InstalmentRequest> checkEvenSplit(EvenSplit split, BigDecimal due, int digits, LocalDate today,
                                                   LocalDate lastAllowed, PlanLimits limits, Violations violations) {
        if (split.count() < 2) {
            violations.add("evenSplit.count", "a plan has at least 2 instalments, not " + split.count());
        }
        if (split.firstDate() == null) {
            violations.add("evenSplit.firstDate", "is required");
        } else if (split.firstDate().isBefore(today)) {
            violations.add("evenSplit.firstDate", "must not be in the past (today is " + today + ")");
        }
        if (split.interval() == null || split.interval().isZero() || split.interval().isNegative()) {
            violations.add("evenSplit.interval", "must be a positive period such as P1M, not " + split.interval());
        }
        if (!violations.isEmpty()) {
            return List.of();
        }
        List<InstalmentRequest> instalments = split(due, digits, split);
        LocalDate last = instalments.get(instalments.size() - 1).dueDate();
        if (last.isAfter(lastAllowed)) {
            violations.add("evenSplit.count", "the last instalment would be due on " + last
                    + ", after the plan's maximum length (" + limits.maxLength() + ") ends on " + lastAllowed);
        }
        if (instalments.get(0).amount().compareTo(limits.minInstalment()) < 0) {
            violations.add("evenSplit.count", "each instalment would be " + instalments.get(0).amount()
                    + ", below the minimum of " + limits.minInstalment());
        }
        return instalments;
    }

    private static List<InstalmentRequest> checkInstalments(List<InstalmentRequest> instalments, BigDecimal due,
                                                            int digits, LocalDate today, LocalDate lastAllowed,
                                                            PlanLimits limits, String currency, Violations violations) {
        if (instalments.size() < 2) {
            violations.add("instalments", "a plan has at least 2 instalments, not " + instalments.size());
        }
        BigDecimal sum = BigDecimal.ZERO;
        boolean amountsComplete = true;
        LocalDate previous = null;
        for (int i = 0; i < instalments.size(); i++) {
            InstalmentRequest instalment = instalments.get(i);
            String field = "instalments[" + i + "]";
            if (instalment == null) {
                violations.add(field, "is required");
                amountsComplete = false;
                continue;
            }
            LocalDate date = instalment.dueDate();
            if (date == null) {
                violations.add(field + ".dueDate", "is required");
            } else {
                if (i == 0 && date.isBefore(today)) {
                    violations.add(field + ".dueDate", "must not be in the past (today is " + today + ")");
                }
                if (previous != null && !date.isAfter(previous)) {
                    violations.add(field + ".dueDate", "must come after the previous instalment's date " + previous);
                }
                if (date.isAfter(lastAllowed)) {
                    violations.add(field + ".dueDate", "is after the plan's maximum length (" + limits.maxLength()
                            + ") ends on " + lastAllowed);
                }
                previous = date;
            }
            BigDecimal amount = instalment.amount();
            if (amount == null || amount.signum() <= 0) {
                violations.add(field + ".amount", "must be greater than 0, not " + amount);
                amountsComplete = false;
            } else {
                if (!exact(amount, digits)) {
                    violations.add(field + ".amount", "has more decimals than " + currency + " has (" + digits + ")");
                }
                if (amount.compareTo(limits.minInstalment()) < 0) {
                    violations.add(field + ".amount", "is below the minimum instalment of " + limits.minInstalment());
                }
                sum = sum.add(amount);
            }
        }
        if (amountsComplete && !instalments.isEmpty() && sum.compareTo(due) != 0) {
            violations.add("instalments", "add up to " + sum + " " + currency + " but must add up to exactly " + due
                    + " (the claim plus the plan fee); off by " + sum.subtract(due));
        }
        return instalments;
    }

    /**
     * {@code split.count()} instalments of {@code amount}, rounded down to the currency's minor units, the remainder on
     * the last; dates {@code firstDate + k × interval}.
     */
    static List<InstalmentRequest> split(BigDecimal amount, int digits, EvenSplit split) {
        int count = split.count();
        BigDecimal each = amount.divide(BigDecimal.valueOf(count), digits, RoundingMode.DOWN);
        BigDecimal last = amount.subtract(each.multiply(BigDecimal.valueOf(count - 1L))).setScale(digits, RoundingMode.UNNECESSARY);
        List<InstalmentRequest> instalments = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            instalments.add(new InstalmentRequest(split.firstDate().plus(times(split.interval(), k)),
                    k == count - 1 ? last : each));
        }
        return instalments;
    }

    private static Period times(Period interval, int k) {
        return interval.multipliedBy(k);
    }

    private static boolean exact(BigDecimal amount, int digits) {
        return amount.stripTrailingZeros().scale() <= digits;
    }

    // ---------------------------------------------------------------- reading

    public Optional<PaymentPlan> find(long planId) {
        return store.find(planId);
    }

    /** The invoice's live plan (proposed, awaiting approval or acceptance, or active), if any. */
    public Optional<PaymentPlan> current(String invoiceNumber) {
        return store.live(invoiceNumber);
    }

    /** Every plan the invoice had, oldest first. */
    public List<PaymentPlan> of(String invoiceNumber) {
        return store.ofInvoice(invoiceNumber);
    }

    /** The invoice's live plan, else the one proposed last: what the invoice's plan is, or was. */
    public Optional<PaymentPlan> latest(String invoiceNumber) {
        Optional<PaymentPlan> live = store.live(invoiceNumber);
        if (live.isPresent()) {
            return live;
        }
        List<PaymentPlan> all = store.ofInvoice(invoiceNumber);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * {@link #latest}, for an answer that must have one.
     *
     * @throws NotFoundException naming the invoice when it does not exist, or the plan when it never had one
     */
    public PaymentPlan requireLatest(String invoiceNumber) {
        if (invoices.find(invoiceNumber).isEmpty()) {
            throw new NotFoundException("Invoice", invoiceNumber);
        }
        return latest(invoiceNumber).orElseThrow(() -> new NotFoundException("A payment plan of invoice", invoiceNumber));
    }

    /** The plan's first instalment not yet paid in full, if any. */
    public Optional<Instalment> nextOpen(long planId) {
        return plan(planId).instalments().stream().filter(i -> i.status() != InstalmentStatus.PAID).findFirst();
    }

    // ---------------------------------------------------------------- transitions

    /** The policy wants a manager: PROPOSED → AWAITING_APPROVAL. */
    @Transactional
    public PaymentPlan requireApproval(long planId) {
        return change(planId, EnumSet.of(PlanStatus.PROPOSED), PlanStatus.AWAITING_APPROVAL, Map.of());
    }

    /** Approved by {@code user} (a manager, or the policy's own name for automatic approval) → AWAITING_ACCEPTANCE. */
    @Transactional
    public PaymentPlan approve(long planId, String user) {
        requireUser(user);
        return change(planId, EnumSet.of(PlanStatus.PROPOSED, PlanStatus.AWAITING_APPROVAL),
                PlanStatus.AWAITING_ACCEPTANCE, Map.of("approved_by", user, "approved_at", now()));
    }

    /** Refused by {@code user} → REJECTED (ended). */
    @Transactional
    public PaymentPlan reject(long planId, String user) {
        requireUser(user);
        return change(planId, EnumSet.of(PlanStatus.PROPOSED, PlanStatus.AWAITING_APPROVAL), PlanStatus.REJECTED,
                Map.of("ended_by", user, "ended_at", now()));
    }

    /**
     * Records the customer's confirmation (time, IP for a link, how); the plan stays AWAITING_ACCEPTANCE until
     * {@link #activate}. A plan is accepted once.
     */
    @Transactional
    public PaymentPlan accept(long planId, String ip, AcceptedHow how) {
        if (how == null) {
            throw new IllegalArgumentException("how the plan was accepted is required");
        }
        if (how == AcceptedHow.LINK && (ip == null || ip.isBlank())) {
            throw new IllegalArgumentException("an acceptance through the link records the IP it came from");
        }
        if (ip != null && ip.length() > 45) {
            throw new IllegalArgumentException("not an IP address: " + ip);
        }
        PaymentPlan plan = plan(planId);
        if (plan.acceptedAt() != null) {
            throw new ConflictException("payment plan " + planId + " was accepted already at " + plan.acceptedAt());
        }
        Map<String, Object> columns = new HashMap<>();
        columns.put("accepted_at", now());
        columns.put("accepted_ip", ip == null || ip.isBlank() ? null : ip.strip());
        columns.put("accepted_how", how.name());
        return change(plan, EnumSet.of(PlanStatus.AWAITING_ACCEPTANCE), PlanStatus.AWAITING_ACCEPTANCE, columns);
    }

    /** The accepted plan starts: AWAITING_ACCEPTANCE (accepted) → ACTIVE. */
    @Transactional
    public PaymentPlan activate(long planId) {
        PaymentPlan plan = plan(planId);
        if (plan.status() == PlanStatus.AWAITING_ACCEPTANCE && plan.acceptedAt() == null) {
            throw new ConflictException("payment plan " + planId + " has not been accepted by the customer");
        }
        return change(plan, EnumSet.of(PlanStatus.AWAITING_ACCEPTANCE), PlanStatus.ACTIVE, Map.of());
    }

    /** No confirmation by the deadline: AWAITING_ACCEPTANCE (not accepted) → EXPIRED (ended). */
    @Transactional
    public PaymentPlan expire(long planId) {
        PaymentPlan plan = plan(planId);
        if (plan.status() == PlanStatus.AWAITING_ACCEPTANCE && plan.acceptedAt() != null) {
            throw new ConflictException("payment plan " + planId + " was accepted; it cannot expire");
        }
        return change(plan, EnumSet.of(PlanStatus.AWAITING_ACCEPTANCE), PlanStatus.EXPIRED, Map.of("ended_at", now()));
    }

    /** Withdrawn by {@code user} (or the system) while live → CANCELLED (ended). */
    @Transactional
    public PaymentPlan cancel(long planId, String user) {
        requireUser(user);
        return change(planId, PlanStatus.LIVE, PlanStatus.CANCELLED, Map.of("ended_by", user, "ended_at", now()));
    }

    /** An instalment stayed unpaid: ACTIVE → BROKEN (ended); collection goes on. */
    @Transactional
    public PaymentPlan breakPlan(long planId) {
        return change(planId, EnumSet.of(PlanStatus.ACTIVE), PlanStatus.BROKEN, Map.of("ended_at", now()));
    }

    // ---------------------------------------------------------------- instalments

    /** The customer was reminded of instalment {@code seq} of the active plan now. */
    @Transactional
    public PaymentPlan markReminded(long planId, int seq) {
        return changeInstalment(planId, seq, i -> new Instalment(i.seq(), i.dueDate(), i.amount(), i.paidAmount(),
                i.status(), clock.instant(), i.paidAt()));
    }

    /** Instalment {@code seq} passed its date without being paid in full (within grace): LATE. */
    @Transactional
    public PaymentPlan markLate(long planId, int seq) {
        return changeInstalment(planId, seq, i -> new Instalment(i.seq(), i.dueDate(), i.amount(), i.paidAmount(),
                InstalmentStatus.LATE, i.remindedAt(), i.paidAt()));
    }

    /** Instalment {@code seq} is still not paid in full after its reminder's deadline: MISSED. */
    @Transactional
    public PaymentPlan markMissed(long planId, int seq) {
        return changeInstalment(planId, seq, i -> new Instalment(i.seq(), i.dueDate(), i.amount(), i.paidAmount(),
                InstalmentStatus.MISSED, i.remindedAt(), i.paidAt()));
    }

    /**
     * Allocates a payment of the invoice to its active plan: to the instalments not yet paid, oldest first, each
     * filled before the next gets anything. When the last one is paid the plan is PAID. Empty when the invoice has no
     * active plan (the payment then is the case's business alone).
     *
     * @return what went where, what was left over beyond the plan, and whether the plan is now paid in full
     */
    @Transactional
    public Optional<Allocation> allocate(String invoiceNumber, BigDecimal amount, LocalDate paidOn) {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("a payment to allocate must be greater than 0, not " + amount);
        }
        if (paidOn == null) {
            throw new IllegalArgumentException("a payment to allocate needs the day it was made");
        }
        Optional<PaymentPlan> live = store.live(invoiceNumber).filter(p -> p.status() == PlanStatus.ACTIVE);
        if (live.isEmpty()) {
            return Optional.empty();
        }
        PaymentPlan plan = live.get();
        BigDecimal left = amount;
        List<Allocation.Part> parts = new ArrayList<>();
        boolean allPaid = true;
        for (Instalment instalment : plan.instalments()) {
            if (instalment.status() == InstalmentStatus.PAID) {
                continue;
            }
            if (left.signum() > 0) {
                BigDecimal share = left.min(instalment.outstanding());
                BigDecimal paid = instalment.paidAmount().add(share);
                boolean full = paid.compareTo(instalment.amount()) == 0;
                store.updateInstalment(plan.id(), new Instalment(instalment.seq(), instalment.dueDate(),
                        instalment.amount(), paid, full ? InstalmentStatus.PAID : instalment.status(),
                        instalment.remindedAt(), full ? paidOn : null));
                parts.add(new Allocation.Part(instalment.seq(), share, full));
                left = left.subtract(share);
                allPaid &= full;
            } else {
                allPaid = false;
            }
        }
        if (allPaid) {
            store.changeStatus(plan, PlanStatus.PAID, Map.of("ended_at", now()));
            revokeTokens(plan);
        } else {
            store.touch(plan);
        }
        BigDecimal allocated = amount.subtract(left);
        log.info("Payment of {} {} on invoice {} allocated to plan {}: {}{}{}", amount, plan.currency(), invoiceNumber,
                plan.id(), parts, left.signum() > 0 ? ", " + left + " beyond the plan" : "",
                allPaid ? "; the plan is paid" : "");
        return Optional.of(new Allocation(plan.id(), parts, allocated, left, allPaid));
    }

    // ---------------------------------------------------------------- the invoice's end

    /**
     * The invoice was settled ({@code settlement}: PAID, CANCELLED, WRITTEN_OFF; null for a credit that left nothing
     * owed), so its case ends, and its live plan with it. An ACTIVE plan of a PAID invoice becomes PAID, even when
     * the payments did not fill every instalment: the plan's total includes fees, interest and the plan fee, and
     * until payments are allocated to those first (issue 5) the principal alone settles the invoice. So a customer
     * who paid the principal has kept the plan as far as the invoice is concerned. Any other live plan is CANCELLED
     * by {@link #SYSTEM}: it was never running, or the debt went away otherwise.
     *
     * @return whether an active plan paid the invoice: this settlement ended it PAID, or the settling payment's own
     *         allocation had paid it in full already
     */
    @Transactional
    public boolean endWithInvoice(String invoiceNumber, InvoiceStatus settlement) {
        Optional<PaymentPlan> live = store.live(invoiceNumber);
        if (live.isEmpty()) {
            // A plan whose total was just the balance is paid by the settling payment's allocation before the case
            // closes; nothing is live then, and the latest plan says how the invoice was paid.
            return settlement == InvoiceStatus.PAID
                    && latest(invoiceNumber).map(plan -> plan.status() == PlanStatus.PAID).orElse(false);
        }
        PaymentPlan plan = live.get();
        if (settlement == InvoiceStatus.PAID && plan.status() == PlanStatus.ACTIVE) {
            change(plan, EnumSet.of(PlanStatus.ACTIVE), PlanStatus.PAID, Map.of("ended_at", now()));
            return true;
        }
        change(plan, PlanStatus.LIVE, PlanStatus.CANCELLED, Map.of("ended_by", SYSTEM, "ended_at", now()));
        return false;
    }

    // ---------------------------------------------------------------- helpers

    private PaymentPlan plan(long planId) {
        return store.find(planId).orElseThrow(() -> new NotFoundException("Payment plan", String.valueOf(planId)));
    }

    private PaymentPlan change(long planId, Set<PlanStatus> from, PlanStatus to, Map<String, ?> columns) {
        return change(plan(planId), from, to, columns);
    }

    private PaymentPlan change(PaymentPlan plan, Set<PlanStatus> from, PlanStatus to, Map<String, ?> columns) {
        if (!from.contains(plan.status())) {
            throw new ConflictException("payment plan " + plan.id() + " is " + plan.status() + "; it can become " + to
                    + " only from " + from.stream().sorted().toList());
        }
        store.changeStatus(plan, to, columns);
        log.info("Payment plan {} on invoice {}: {} → {}", plan.id(), plan.invoiceNumber(), plan.status(), to);
        if (!to.live()) {
            revokeTokens(plan);
        }
        return store.find(plan.id()).orElseThrow();
    }

    /** An ended plan cannot be accepted: a link still in the customer's mailbox must say so rather than accept it. */
    private void revokeTokens(PaymentPlan plan) {
        int revoked = tokens.revokeAll(plan.id());
        if (revoked > 0) {
            log.info("Payment plan {} ended: {} unused acceptance link(s) revoked", plan.id(), revoked);
        }
    }

    private PaymentPlan changeInstalment(long planId, int seq, java.util.function.UnaryOperator<Instalment> change) {
        PaymentPlan plan = plan(planId);
        if (plan.status() != PlanStatus.ACTIVE) {
            throw new ConflictException("payment plan " + planId + " is " + plan.status() + ", not ACTIVE");
        }
        Instalment instalment = plan.instalments().stream().filter(i -> i.seq() == seq).findFirst()
                .orElseThrow(() -> new NotFoundException("Instalment", planId + "/" + seq));
        if (instalment.status() == InstalmentStatus.PAID) {
            throw new ConflictException("instalment " + seq + " of payment plan " + planId + " is paid");
        }
        store.touch(plan);
        store.updateInstalment(planId, change.apply(instalment));
        return store.find(planId).orElseThrow();
    }

    private static void requireUser(String user) {
        if (user == null || user.isBlank() || user.length() > 64) {
            throw new IllegalArgumentException("the user who decides must be named (at most 64 characters), not " + user);
        }
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }
}
