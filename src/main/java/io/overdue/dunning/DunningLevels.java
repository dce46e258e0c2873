package io.overdue.dunning;

import io.overdue.customers.CustomerRef;
import io.overdue.invoices.Invoice;
import org.springframework.stereotype.Service;

import io.overdue.channels.ContactWindows;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Plans the next dunning level: whether the policy has one and when it goes. Waits count from the previous notice
 * (level 1: from the due date), as the policy's {@code waitDays} says, at the reminder time in the creditor's zone
 * plus the invoice's jitter. The content is decided again on the day the level goes ({@link DunningNotices}).
 */
@Service
class DunningLevels {

    private final CaseFacts caseFacts;
    private final PolicyDecisions policy;
    private final DunningNoticeStore notices;
    private final DunningProperties properties;
    private final Clock clock;
    private final ContactWindows contactWindows;

    DunningLevels(CaseFacts caseFacts, PolicyDecisions policy, DunningNoticeStore notices, DunningProperties properties,
                  Clock clock, ContactWindows contactWindows) {
        this.contactWindows = contactWindows;
        this.caseFacts = caseFacts;
        this.policy = policy;
        this.notices = notices;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @param nextLevel   the level after the last one sent (planned when {@code moreLevels})
     * @param moreLevels  whether the policy has {@code nextLevel}
     * @param nextNoticeAt when it goes; without a level, when the last notice's deadline has run out
     */
    record Plan(int nextLevel, boolean moreLevels, Date nextNoticeAt) {
    }

    /** What a round of "one more round" continues with: the last level goes again under the new round's keys. */
    record Round(int level, int round) {
    }

    /**
     * @param level  the last level sent (0: none yet)
     * @param atOnce a broken promise: the next level goes now instead of after its wait
     */
    Plan plan(String invoiceNumber, int level, boolean atOnce) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        Instant now = clock.instant();
        List<DunningNotice> sent = notices.forInvoice(invoiceNumber);
        // The latest notice of any round: after "one more round" the repeated level waits from the last one that went.
        Optional<DunningNotice> last = sent.stream().max(DunningNotices.bySending());
        int feeNotices = (int) sent.stream().filter(DunningNotice::feeCharged).count();
        LocalDate waitFrom = last.map(DunningNotice::sentOn).orElse(invoice.dueDate());
        int next = level + 1;

        Optional<PolicyDecisions.Level> rule = policy.level(facts(facts, next, invoice.dueDate(), waitFrom, feeNotices,
                sent.size()));
        if (rule.isPresent()) {
            LocalDate day = waitFrom.plusDays(rule.get().waitDays());
            // waitDays depends only on preset and level in the shipped policy (a test holds it to that). A manager's
            // copy might not; then the facts of the planned day decide, as they will when the level goes.
            Optional<PolicyDecisions.Level> onTheDay = policy.level(facts(facts, next, invoice.dueDate(), day, feeNotices,
                    sent.size()));
            if (onTheDay.isPresent()) {
                day = waitFrom.plusDays(onTheDay.get().waitDays());
            }
            // Spread by the customer, not the invoice: a customer's levels due on one day fall due together and go as
            // one message (docs/channels.md, "Bundling"), while customers still spread over the jitter window.
            Instant at = atOnce ? now
                    : latest(now, NoticeMoments.on(properties, facts.customer().customerNumber(), day).toInstant());
            return new Plan(next, true, Date.from(NoticeMoments.withinContactHours(properties, contactWindows,
                    facts.customer().country(), at)));
        }
        // No further level: the case waits until the last notice's deadline has run out, then managers decide.
        // The end of the deadline day, spread by the jitter so that many deadlines of one day do not fire at midnight.
        Instant deadlinePassed = last.map(notice -> notice.deadline().plusDays(1).atStartOfDay(properties.zone())
                .plus(NoticeMoments.jitter(properties, invoiceNumber)).toInstant()).orElse(now);
        return new Plan(next, false, Date.from(latest(now, deadlinePassed)));
    }

    /** A level the policy will send if nothing changes: when, how, and whether it charges a fee. */
    record Planned(int level, LocalDate on, PolicyDecisions.Level rule) {
    }

    /**
     * The levels still ahead as the policy stands today, each after its wait from the one before (the first from
     * {@code firstOn} when the case already planned it, else from the last notice or the due date, never before
     * {@code notBefore}), and the day the last deadline runs out. A preview: each level is decided again on its day.
     *
     * @return the planned levels and the day managers decide, if the levels run out
     */
    Outlook outlook(String invoiceNumber, LocalDate firstOn, LocalDate notBefore) {
        CaseFacts.Facts facts = caseFacts.of(invoiceNumber);
        Invoice invoice = facts.invoice();
        List<DunningNotice> sent = notices.forInvoice(invoiceNumber);
        Optional<DunningNotice> last = sent.stream().max(DunningNotices.bySending());
        int level = sent.stream().mapToInt(DunningNotice::level).max().orElse(0);
        int feeNotices = (int) sent.stream().filter(DunningNotice::feeCharged).count();
        int count = sent.size();
        LocalDate waitFrom = last.map(DunningNotice::sentOn).orElse(invoice.dueDate());
        LocalDate deadline = last.map(DunningNotice::deadline).orElse(null);
        List<Planned> planned = new java.util.ArrayList<>();
        for (int next = level + 1; planned.size() < MAX_PREVIEW; next++) {
            Optional<PolicyDecisions.Level> rule = policy.level(facts(facts, next, invoice.dueDate(), waitFrom, feeNotices, count));
            if (rule.isEmpty()) {
                break;
            }
            LocalDate day = planned.isEmpty() && firstOn != null ? firstOn : waitFrom.plusDays(rule.get().waitDays());
            if (notBefore != null && day.isBefore(notBefore)) {
                day = notBefore;
            }
            PolicyDecisions.Level onTheDay = policy.level(facts(facts, next, invoice.dueDate(), day, feeNotices, count))
                    .orElse(rule.get());
            planned.add(new Planned(next, day, onTheDay));
            feeNotices += DunningPolicy.FeeKinds.NONE.equals(onTheDay.feeKind()) ? 0 : 1;
            count++;
            waitFrom = day;
            deadline = day.plusDays(onTheDay.deadlineDays());
        }
        return new Outlook(planned, deadline == null ? null : deadline.plusDays(1));
    }

    /** @param decisionOn the day after the last deadline, when managers decide what comes next (null: no notice yet) */
    record Outlook(List<Planned> levels, LocalDate decisionOn) {
    }

    private static final int MAX_PREVIEW = 12;

    /** "One more round": the round goes up (absent counts as 1) and the level down by one, so the last level goes again. */
    static Round oneMoreRound(Integer level, Integer round) {
        return new Round(Math.max(0, (level == null ? 0 : level) - 1), (round == null ? 1 : round) + 1);
    }

    private PolicyDecisions.LevelFacts facts(CaseFacts.Facts facts, int level, LocalDate dueDate, LocalDate day,
                                             int feeNotices, int notices) {
        CustomerRef customer = facts.customer();
        return new PolicyDecisions.LevelFacts(customer.country(), customer.kind(), facts.invoice().openBalance(), level,
                (int) ChronoUnit.DAYS.between(dueDate, day), feeNotices, notices, properties.reminderFeeAgreed());
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
