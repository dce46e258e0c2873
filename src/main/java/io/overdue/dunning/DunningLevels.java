package io.overdue.dunning;

import io.overdue.customers.CustomerRef;
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
        Instant now = clock.instant();
        Sent sent = Sent.of(notices.forInvoice(invoiceNumber), facts.invoice().dueDate());
        Optional<Planned> next = next(facts, level + 1, sent.waitFrom(), sent.feeNotices(), sent.count());
        if (next.isPresent()) {
            // Spread by the customer, not the invoice: a customer's levels due on one day fall due together and go as
            // one message (docs/channels.md, "Bundling"), while customers still spread over the jitter window.
            Instant at = atOnce ? now
                    : latest(now, NoticeMoments.on(properties, facts.customer().customerNumber(), next.get().on()).toInstant());
            return new Plan(level + 1, true, Date.from(NoticeMoments.withinContactHours(properties, contactWindows,
                    facts.customer().country(), at)));
        }
        // No further level: the case waits until the last notice's deadline has run out, then managers decide.
        // The end of the deadline day, spread by the jitter so that many deadlines of one day do not fire at midnight.
        Instant deadlinePassed = sent.last().map(notice -> notice.deadline().plusDays(1).atStartOfDay(properties.zone())
                .plus(NoticeMoments.jitter(properties, invoiceNumber)).toInstant()).orElse(now);
        return new Plan(level + 1, false, Date.from(latest(now, deadlinePassed)));
    }

    /** What the notices sent so far say for planning: the latest of any round, fees charged, where waits count from. */
    private record Sent(Optional<DunningNotice> last, int highestLevel, int feeNotices, int count, LocalDate waitFrom) {

        static Sent of(List<DunningNotice> sent, LocalDate dueDate) {
            // The latest notice of any round: after "one more round" the repeated level waits from the last one that went.
            Optional<DunningNotice> last = sent.stream().max(DunningNotices.bySending());
            return new Sent(last, sent.stream().mapToInt(DunningNotice::level).max().orElse(0),
                    (int) sent.stream().filter(DunningNotice::feeCharged).count(), sent.size(),
                    last.map(DunningNotice::sentOn).orElse(dueDate));
        }
    }

    /**
     * Level {@code level} after its wait from {@code waitFrom}, as the policy has it; empty when it has no such level.
     * waitDays depends only on preset and level in the shipped policy (a test holds it to that). A manager's copy
     * might not; then the facts of the planned day decide, as they will when the level goes.
     */
    private Optional<Planned> next(CaseFacts.Facts facts, int level, LocalDate waitFrom, int feeNotices, int notices) {
        LocalDate dueDate = facts.invoice().dueDate();
        return policy.level(facts(facts, level, dueDate, waitFrom, feeNotices, notices)).map(rule -> {
            LocalDate day = waitFrom.plusDays(rule.waitDays());
            Optional<PolicyDecisions.Level> onTheDay = policy.level(facts(facts, level, dueDate, day, feeNotices, notices));
            return onTheDay.map(decided -> new Planned(level, waitFrom.plusDays(decided.waitDays()), decided))
                    .orElse(new Planned(level, day, rule));
        });
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
        Sent sent = Sent.of(notices.forInvoice(invoiceNumber), facts.invoice().dueDate());
        int feeNotices = sent.feeNotices();
        int count = sent.count();
        LocalDate waitFrom = sent.waitFrom();
        LocalDate deadline = sent.last().map(DunningNotice::deadline).orElse(null);
        List<Planned> planned = new java.util.ArrayList<>();
        for (int level = sent.highestLevel() + 1; planned.size() < MAX_PREVIEW; level++) {
            Optional<Planned> next = next(facts, level, waitFrom, feeNotices, count);
            if (next.isEmpty()) {
                break;
            }
            LocalDate day = planned.isEmpty() && firstOn != null ? firstOn : next.get().on();
            if (notBefore != null && day.isBefore(notBefore)) {
                day = notBefore;
            }
            PolicyDecisions.Level rule = day.equals(next.get().on()) ? next.get().rule()
                    : policy.level(facts(facts, level, facts.invoice().dueDate(), day, feeNotices, count))
                    .orElse(next.get().rule());
            planned.add(new Planned(level, day, rule));
            feeNotices += DunningPolicy.FeeKinds.NONE.equals(rule.feeKind()) ? 0 : 1;
            count++;
            waitFrom = day;
            deadline = day.plusDays(rule.deadlineDays());
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
