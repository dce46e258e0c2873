package io.overdue.plans;

import io.overdue.invoices.InvoiceStatus;
import io.overdue.plans.ProposalRequest.InstalmentRequest;
import io.overdue.shared.ConflictException;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.Violation;
import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Payment plans against the real database: proposal and its validation, one live plan per invoice, the transitions
 * and their guards, and the allocation of payments. Runs on H2 and on PostgreSQL through its subclasses.
 */
abstract class PlansContract extends ApplicationTest {

    static final PlanLimits LIMITS = new PlanLimits(Period.ofMonths(12), new BigDecimal("500"));
    static final String COLLECTOR_ID = "collector1";

    @Autowired PaymentPlans plans;
    @Autowired PlanStore store;
    @Autowired PlanAcceptanceTokens tokens;
    @Autowired JdbcTemplate jdbc;

    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));

    // ---------------------------------------------------------------- helpers

    /** An open invoice of {@code amount} in {@code currency}, without a collection case (plans do not need one). */
    String invoice(String currency, String amount) {
        return PlanTestInvoices.open(as(ERP), jdbc, unique("C"), uniqueDigits(),
                PlanTestInvoices.Debtor.NORWEGIAN_BUSINESS, currency, amount, today.minusDays(26));
    }

    static Claim nok(String total) {
        return new Claim(new BigDecimal(total), "NOK");
    }

    static InstalmentRequest on(LocalDate date, String amount) {
        return new InstalmentRequest(date, new BigDecimal(amount));
    }

    PaymentPlan evenSplit(String invoice, String total, int count) {
        return plans.propose(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, count, today.plusDays(7),
                Period.ofMonths(1)), nok(total), LIMITS);
    }

    /** A plan of 10,000.00 NOK in 3 instalments, approved, accepted and active. */
    PaymentPlan activePlan(String invoice) {
        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);
        plans.approve(plan.id(), "manager1");
        plans.accept(plan.id(), "203.0.113.7", AcceptedHow.LINK);
        return plans.activate(plan.id());
    }

    List<Violation> refused(String invoice, ProposalRequest request, Claim claim) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> plans.propose(invoice, request, claim, LIMITS));
        assertThat(refused).as("the proposal is refused").isNotNull();
        assertThat(plans.of(invoice)).as("nothing is written").isEmpty();
        return refused.violations();
    }

    /** Allocates a payment to the invoice's active plan, which it must have. */
    Allocation pay(String invoice, String amount, LocalDate paidOn) {
        return plans.allocate(invoice, new BigDecimal(amount), paidOn).orElseThrow();
    }

    static List<String> fields(List<Violation> violations) {
        return violations.stream().map(Violation::field).toList();
    }

    int instalmentRows(long planId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM plan_instalment WHERE plan_id = ?", Integer.class, planId);
    }

    // ---------------------------------------------------------------- proposal

    @Test
    void anEvenSplitOfTenThousandInThreeIsStoredCentExact() {
        String invoice = invoice("NOK", "9500.00");

        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);

        PaymentPlan stored = plans.find(plan.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(PlanStatus.PROPOSED);
        assertThat(stored.invoiceNumber()).isEqualTo(invoice);
        assertThat(stored.currency()).isEqualTo("NOK");
        assertThat(stored.total()).isEqualByComparingTo("10000.00");
        assertThat(stored.planFee()).isNull();
        assertThat(stored.proposedBy()).isEqualTo(COLLECTOR_ID);
        assertThat(stored.proposedAt()).isNotNull();
        assertThat(stored.version()).isZero();
        assertThat(stored.instalments()).extracting(Instalment::seq).containsExactly(1, 2, 3);
        assertThat(stored.instalments()).extracting(Instalment::amount)
                .containsExactly(new BigDecimal("3333.33"), new BigDecimal("3333.33"), new BigDecimal("3333.34"));
        assertThat(stored.instalments()).extracting(Instalment::dueDate)
                .containsExactly(today.plusDays(7), today.plusDays(7).plusMonths(1), today.plusDays(7).plusMonths(2));
        assertThat(stored.instalments()).extracting(Instalment::status).containsOnly(InstalmentStatus.OPEN);
        assertThat(stored.instalments()).extracting(Instalment::paidAmount).allMatch(paid -> paid.signum() == 0);
        assertThat(plans.current(invoice)).map(PaymentPlan::id).contains(plan.id());
        assertThat(plans.of(invoice)).extracting(PaymentPlan::id).containsExactly(plan.id());
    }

    @Test
    void aCurrencyWithoutMinorUnitsIsSplitInWholeUnitsAndRefusesDecimals() {
        String invoice = invoice("JPY", "10000");
        Claim yen = new Claim(new BigDecimal("10000"), "JPY");
        List<Violation> violations = refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null, List.of(
                on(today.plusDays(1), "5000.50"), on(today.plusDays(30), "4999.50"))), yen);
        assertThat(fields(violations)).containsExactly("instalments[0].amount", "instalments[1].amount");
        assertThat(violations.get(0).message()).contains("JPY").contains("(0)");

        PaymentPlan plan = plans.propose(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 3, today,
                Period.ofDays(14)), yen, LIMITS);

        assertThat(plan.currency()).isEqualTo("JPY");
        assertThat(plan.instalments()).extracting(Instalment::amount).map(BigDecimal::stripTrailingZeros)
                .containsExactly(new BigDecimal("3333"), new BigDecimal("3333"), new BigDecimal("3334"));
        assertThat(plan.instalments()).extracting(Instalment::dueDate)
                .containsExactly(today, today.plusDays(14), today.plusDays(28));
    }

    @Test
    void explicitInstalmentsAndThePlanFeeAddUpToTheClaimPlusTheFee() {
        String invoice = invoice("NOK", "1000.00");
        PaymentPlan plan = plans.propose(invoice, ProposalRequest.explicit(COLLECTOR_ID, new BigDecimal("170"), List.of(
                on(today.plusDays(10), "600.00"), on(today.plusDays(40), "620.50"))), nok("1050.50"), LIMITS);

        assertThat(plan.total()).isEqualByComparingTo("1050.50");
        assertThat(plan.planFee()).isEqualByComparingTo("170");
        assertThat(plan.amountDue()).isEqualByComparingTo("1220.50");
        assertThat(plan.instalments()).extracting(Instalment::amount)
                .containsExactly(new BigDecimal("600.00"), new BigDecimal("620.50"));
    }

    @Test
    void aSumOffByOneCentIsRefusedAndNothingIsWritten() {
        String invoice = invoice("NOK", "1000.00");

        List<Violation> violations = refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null, List.of(
                on(today.plusDays(10), "500.00"), on(today.plusDays(40), "500.01"))), nok("1000.00"));

        assertThat(fields(violations)).containsExactly("instalments");
        assertThat(violations.get(0).message()).contains("1000.01").contains("off by 0.01");
    }

    @Test
    void theFeeIsPartOfWhatTheInstalmentsMustAddUpTo() {
        String invoice = invoice("NOK", "1000.00");

        List<Violation> violations = refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, new BigDecimal("170"), List.of(
                on(today.plusDays(10), "500.00"), on(today.plusDays(40), "500.00"))), nok("1000.00"));

        assertThat(fields(violations)).containsExactly("instalments");
        assertThat(violations.get(0).message()).contains("1170");
    }

    @Test
    void everyFaultOfTheInstalmentsIsNamedAndNothingIsWritten() {
        String invoice = invoice("NOK", "3000.00");

        List<Violation> violations = refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null, List.of(
                on(today.minusDays(1), "1000.00"),          // in the past
                on(today.minusDays(1), "1600.00"),          // not after the previous date
                on(today.plusMonths(12).plusDays(1), "400.00"))), // beyond the maximum length, below the minimum
                nok("3000.00"));

        assertThat(violations).extracting(Violation::field, v -> v.message().split(" ")[0] + " " + v.message().split(" ")[1])
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("instalments[0].dueDate", "must not"),
                        org.assertj.core.groups.Tuple.tuple("instalments[1].dueDate", "must come"),
                        org.assertj.core.groups.Tuple.tuple("instalments[2].dueDate", "is after"),
                        org.assertj.core.groups.Tuple.tuple("instalments[2].amount", "is below"));
    }

    @Test
    void eachRuleAloneNamesItsField() {
        String invoice = invoice("NOK", "2000.00");
        Claim claim = nok("2000.00");
        LocalDate d = today.plusDays(5);

        assertThat(fields(refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null,
                List.of(on(d, "1000.00"), on(d, "1000.00"))), claim))).containsExactly("instalments[1].dueDate");
        assertThat(fields(refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null,
                List.of(on(d, "1000.00"), on(today.plusMonths(12).plusDays(1), "1000.00"))), claim)))
                .containsExactly("instalments[1].dueDate");
        assertThat(fields(refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null,
                List.of(on(d, "1600.00"), on(d.plusDays(30), "400.00"))), claim))).containsExactly("instalments[1].amount");
        assertThat(fields(refused(invoice, ProposalRequest.explicit(COLLECTOR_ID, null,
                List.of(on(today.minusDays(1), "1000.00"), on(d, "1000.00"))), claim)))
                .containsExactly("instalments[0].dueDate");
        // the last day of the maximum length and today are both allowed
        PaymentPlan plan = plans.propose(invoice, ProposalRequest.explicit(COLLECTOR_ID, null,
                List.of(on(today, "1000.00"), on(today.plusMonths(12), "1000.00"))), claim, LIMITS);
        assertThat(plan.instalments()).hasSize(2);
    }

    @Test
    void anEvenSplitNamesItsOwnFields() {
        String invoice = invoice("NOK", "2000.00");
        Claim claim = nok("2000.00");

        assertThat(fields(refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 3, today.minusDays(1),
                Period.ofMonths(1)), claim))).containsExactly("evenSplit.firstDate");
        List<Violation> tooLong = refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 3, today.plusDays(1),
                Period.ofMonths(7)), claim);
        assertThat(fields(tooLong)).containsExactly("evenSplit.count");
        assertThat(tooLong.get(0).message()).contains("maximum length");
        List<Violation> tooSmall = refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 5, today.plusDays(1),
                Period.ofMonths(1)), claim);
        assertThat(fields(tooSmall)).containsExactly("evenSplit.count");
        assertThat(tooSmall.get(0).message()).contains("400.00").contains("minimum");
        assertThat(fields(refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 1, today.plusDays(1),
                Period.ZERO), claim))).containsExactly("evenSplit.count", "evenSplit.interval");
    }

    @Test
    void theRequestItselfIsChecked() {
        String invoice = invoice("NOK", "2000.00");

        assertThat(fields(refused(invoice, new ProposalRequest(" ", new BigDecimal("-1"), null, null), nok("2000.00"))))
                .containsExactly("proposedBy", "planFee", "instalments");
        assertThat(fields(refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 2, today, Period.ofMonths(1)),
                new Claim(new BigDecimal("2000.00"), "SEK")))).containsExactly("claim.currency");
        assertThat(fields(refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 2, today, Period.ofMonths(1)),
                nok("2000.005")))).containsExactly("claim.total");
        assertThatThrownBy(() -> plans.propose("no-such-invoice", ProposalRequest.evenSplit(COLLECTOR_ID, null, 2, today,
                Period.ofMonths(1)), nok("2000.00"), LIMITS)).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aClosedInvoiceGetsNoPlan() {
        String invoice = invoice("NOK", "2000.00");
        jdbc.update("UPDATE invoice SET status = 'PAID', open_balance = 0 WHERE invoice_number = ?", invoice);

        assertThat(fields(refused(invoice, ProposalRequest.evenSplit(COLLECTOR_ID, null, 2, today, Period.ofMonths(1)),
                nok("2000.00")))).containsExactly("invoiceNumber");
    }

    // ---------------------------------------------------------------- one live plan

    @Test
    void anInvoiceHasAtMostOneLivePlan() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan first = evenSplit(invoice, "10000.00", 3);

        assertThatThrownBy(() -> evenSplit(invoice, "10000.00", 2)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(String.valueOf(first.id()));
        assertThat(plans.of(invoice)).hasSize(1);

        plans.reject(first.id(), "manager1");
        assertThat(plans.current(invoice)).isEmpty();
        PaymentPlan second = evenSplit(invoice, "10000.00", 2);

        assertThat(plans.current(invoice)).map(PaymentPlan::id).contains(second.id());
        assertThat(plans.of(invoice)).extracting(PaymentPlan::id).containsExactly(first.id(), second.id());
    }

    @Test
    void theDatabaseRefusesASecondLivePlanToo() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan first = evenSplit(invoice, "10000.00", 3);
        plans.cancel(first.id(), "manager1");
        evenSplit(invoice, "10000.00", 2);

        assertThatThrownBy(() -> jdbc.update("UPDATE payment_plan SET live_invoice_number = invoice_number WHERE id = ?",
                first.id())).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE plan_instalment SET amount = 0 WHERE plan_id = ?", first.id()))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    // ---------------------------------------------------------------- transitions

    @Test
    void aPlanGoesThroughApprovalAcceptanceAndActivation() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);

        PaymentPlan waiting = plans.requireApproval(plan.id());
        assertThat(waiting.status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        assertThat(waiting.version()).isEqualTo(1);

        PaymentPlan approved = plans.approve(plan.id(), "manager1");
        assertThat(approved.status()).isEqualTo(PlanStatus.AWAITING_ACCEPTANCE);
        assertThat(approved.approvedBy()).isEqualTo("manager1");
        assertThat(approved.approvedAt()).isNotNull();

        assertThatThrownBy(() -> plans.activate(plan.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("not been accepted");
        assertThatThrownBy(() -> plans.accept(plan.id(), null, AcceptedHow.LINK))
                .isInstanceOf(IllegalArgumentException.class);

        PaymentPlan accepted = plans.accept(plan.id(), "203.0.113.7", AcceptedHow.LINK);
        assertThat(accepted.status()).isEqualTo(PlanStatus.AWAITING_ACCEPTANCE);
        assertThat(accepted.acceptedAt()).isNotNull();
        assertThat(accepted.acceptedIp()).isEqualTo("203.0.113.7");
        assertThat(accepted.acceptedHow()).isEqualTo(AcceptedHow.LINK);
        assertThatThrownBy(() -> plans.accept(plan.id(), "203.0.113.8", AcceptedHow.LINK))
                .isInstanceOf(ConflictException.class).hasMessageContaining("accepted already");
        assertThatThrownBy(() -> plans.expire(plan.id())).isInstanceOf(ConflictException.class);

        PaymentPlan active = plans.activate(plan.id());
        assertThat(active.status()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(active.version()).isEqualTo(4);
        assertThat(active.endedAt()).isNull();
        assertThat(plans.current(invoice)).map(PaymentPlan::status).contains(PlanStatus.ACTIVE);
    }

    @Test
    void aCollectorMayRecordAConfirmationWithoutAnIp() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);
        plans.approve(plan.id(), "policy");

        PaymentPlan accepted = plans.accept(plan.id(), null, AcceptedHow.RECORDED_BY_COLLECTOR);

        assertThat(accepted.acceptedHow()).isEqualTo(AcceptedHow.RECORDED_BY_COLLECTOR);
        assertThat(accepted.acceptedIp()).isNull();
        assertThat(accepted.approvedBy()).isEqualTo("policy");
    }

    @Test
    void transitionsStartOnlyFromTheirStates() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);

        assertThatThrownBy(() -> plans.accept(plan.id(), "203.0.113.7", AcceptedHow.LINK))
                .isInstanceOf(ConflictException.class).hasMessageContaining("PROPOSED");
        assertThatThrownBy(() -> plans.activate(plan.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> plans.expire(plan.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> plans.breakPlan(plan.id())).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> plans.markMissed(plan.id(), 1)).isInstanceOf(ConflictException.class);
        assertThat(plans.find(plan.id()).orElseThrow().version()).as("refused changes change nothing").isZero();

        PaymentPlan rejected = plans.reject(plan.id(), "manager1");
        assertThat(rejected.status()).isEqualTo(PlanStatus.REJECTED);
        assertThat(rejected.endedBy()).isEqualTo("manager1");
        assertThat(rejected.endedAt()).isNotNull();
        assertThatThrownBy(() -> plans.approve(plan.id(), "manager1")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("REJECTED");
        assertThatThrownBy(() -> plans.cancel(plan.id(), "manager1")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> plans.approve(-1, "manager1")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anUnconfirmedPlanExpiresAndAnActiveOneBreaksOrIsCancelled() {
        String first = invoice("NOK", "10000.00");
        PaymentPlan unconfirmed = evenSplit(first, "10000.00", 3);
        plans.approve(unconfirmed.id(), "policy");
        PaymentPlan expired = plans.expire(unconfirmed.id());
        assertThat(expired.status()).isEqualTo(PlanStatus.EXPIRED);
        assertThat(expired.endedAt()).isNotNull();
        assertThat(plans.current(first)).isEmpty();

        String second = invoice("NOK", "10000.00");
        PaymentPlan broken = plans.breakPlan(activePlan(second).id());
        assertThat(broken.status()).isEqualTo(PlanStatus.BROKEN);
        assertThat(broken.endedAt()).isNotNull();
        assertThat(plans.current(second)).isEmpty();
        assertThatThrownBy(() -> plans.activate(broken.id())).isInstanceOf(ConflictException.class);

        String third = invoice("NOK", "10000.00");
        PaymentPlan cancelled = plans.cancel(activePlan(third).id(), "system");
        assertThat(cancelled.status()).isEqualTo(PlanStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo("system");
    }

    @Test
    void aChangeAgainstAnOlderVersionFails() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan stale = evenSplit(invoice, "10000.00", 3);
        plans.approve(stale.id(), "manager1");

        assertThatThrownBy(() -> store.changeStatus(stale, PlanStatus.REJECTED, Map.of()))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(plans.find(stale.id()).orElseThrow().status()).isEqualTo(PlanStatus.AWAITING_ACCEPTANCE);
    }

    // ---------------------------------------------------------------- instalments and payments

    @Test
    void anExactPaymentPaysTheOldestInstalment() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);
        LocalDate paidOn = today.plusDays(6);

        Allocation allocation = pay(invoice, "3333.33", paidOn);

        assertThat(allocation.planId()).isEqualTo(plan.id());
        assertThat(allocation.parts()).containsExactly(new Allocation.Part(1, new BigDecimal("3333.33"), true));
        assertThat(allocation.allocated()).isEqualByComparingTo("3333.33");
        assertThat(allocation.unallocated()).isEqualByComparingTo("0");
        assertThat(allocation.fullyPaid()).isFalse();
        PaymentPlan stored = plans.find(plan.id()).orElseThrow();
        assertThat(stored.instalments().get(0).status()).isEqualTo(InstalmentStatus.PAID);
        assertThat(stored.instalments().get(0).paidAt()).isEqualTo(paidOn);
        assertThat(stored.instalments().get(1).paidAmount()).isEqualByComparingTo("0");
        assertThat(stored.status()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(plans.nextOpen(plan.id())).map(Instalment::seq).contains(2);
    }

    @Test
    void aPartialPaymentFillsTheInstalmentPartly() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);

        Allocation allocation = pay(invoice, "1000.00", today);

        assertThat(allocation.parts()).containsExactly(new Allocation.Part(1, new BigDecimal("1000.00"), false));
        Instalment next = plans.nextOpen(plan.id()).orElseThrow();
        assertThat(next.seq()).isEqualTo(1);
        assertThat(next.status()).isEqualTo(InstalmentStatus.OPEN);
        assertThat(next.paidAmount()).isEqualByComparingTo("1000.00");
        assertThat(next.outstanding()).isEqualByComparingTo("2333.33");
        assertThat(next.paidAt()).isNull();

        Allocation rest = pay(invoice, "2333.33", today.plusDays(1));
        assertThat(rest.parts()).containsExactly(new Allocation.Part(1, new BigDecimal("2333.33"), true));
        assertThat(plans.nextOpen(plan.id())).map(Instalment::seq).contains(2);
    }

    @Test
    void anOverpaymentOfOneInstalmentSpillsToTheNext() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);

        Allocation allocation = pay(invoice, "4000.00", today);

        assertThat(allocation.parts()).containsExactly(new Allocation.Part(1, new BigDecimal("3333.33"), true),
                new Allocation.Part(2, new BigDecimal("666.67"), false));
        assertThat(allocation.allocated()).isEqualByComparingTo("4000.00");
        PaymentPlan stored = plans.find(plan.id()).orElseThrow();
        assertThat(stored.instalments()).extracting(Instalment::paidAmount)
                .containsExactly(new BigDecimal("3333.33"), new BigDecimal("666.67"), new BigDecimal("0.00"));
        assertThat(stored.paid()).isEqualByComparingTo("4000.00");
    }

    @Test
    void paymentsBeyondThePlanAreReportedAndThePlanEndsPaid() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);
        plans.allocate(invoice, new BigDecimal("3333.33"), today);

        Allocation allocation = pay(invoice, "7000.00", today.plusDays(3));

        assertThat(allocation.parts()).containsExactly(new Allocation.Part(2, new BigDecimal("3333.33"), true),
                new Allocation.Part(3, new BigDecimal("3333.34"), true));
        assertThat(allocation.allocated()).isEqualByComparingTo("6666.67");
        assertThat(allocation.unallocated()).isEqualByComparingTo("333.33");
        assertThat(allocation.fullyPaid()).isTrue();
        PaymentPlan paid = plans.find(plan.id()).orElseThrow();
        assertThat(paid.status()).isEqualTo(PlanStatus.PAID);
        assertThat(paid.endedAt()).isNotNull();
        assertThat(paid.instalments()).extracting(Instalment::status).containsOnly(InstalmentStatus.PAID);
        assertThat(plans.nextOpen(plan.id())).isEmpty();
        assertThat(plans.current(invoice)).isEmpty();
        assertThat(plans.allocate(invoice, new BigDecimal("1.00"), today)).as("no active plan any more").isEmpty();
    }

    @Test
    void onlyAnActivePlanTakesPayments() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = evenSplit(invoice, "10000.00", 3);

        assertThat(plans.allocate(invoice, new BigDecimal("3333.33"), today)).isEmpty();
        assertThat(plans.find(plan.id()).orElseThrow().paid()).isEqualByComparingTo("0");
        assertThatThrownBy(() -> plans.allocate(invoice, BigDecimal.ZERO, today))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void instalmentsAreRemindedMarkedLateOrMissedThenStillPaid() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);

        PaymentPlan reminded = plans.markReminded(plan.id(), 1);
        assertThat(reminded.instalments().get(0).remindedAt()).isNotNull();
        assertThat(reminded.instalments().get(1).remindedAt()).isNull();
        assertThat(plans.markLate(plan.id(), 1).instalments().get(0).status()).isEqualTo(InstalmentStatus.LATE);
        PaymentPlan missed = plans.markMissed(plan.id(), 1);
        assertThat(missed.instalments().get(0).status()).isEqualTo(InstalmentStatus.MISSED);
        assertThat(missed.version()).isEqualTo(plan.version() + 3);

        plans.allocate(invoice, new BigDecimal("100.00"), today);
        assertThat(plans.nextOpen(plan.id()).orElseThrow().status()).as("a part payment leaves it missed")
                .isEqualTo(InstalmentStatus.MISSED);
        plans.allocate(invoice, new BigDecimal("3233.33"), today);
        assertThat(plans.find(plan.id()).orElseThrow().instalments().get(0).status()).isEqualTo(InstalmentStatus.PAID);
        assertThatThrownBy(() -> plans.markMissed(plan.id(), 1)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("is paid");
        assertThatThrownBy(() -> plans.markReminded(plan.id(), 4)).isInstanceOf(NotFoundException.class);
        assertThat(instalmentRows(plan.id())).isEqualTo(3);
    }

    // ---------------------------------------------------------------- the invoice's end

    @Test
    void anActivePlanOfAPaidInvoiceEndsPaidThoughItsFeesWereNotAllPaidAndItsLinksStopWorking() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);
        String token = tokens.issue(plan.id(), invoice);
        // The principal only; the plan's total is the same here, but two instalments are still open.
        pay(invoice, "3333.33", today);

        assertThat(plans.endWithInvoice(invoice, InvoiceStatus.PAID)).isTrue();

        PaymentPlan ended = plans.find(plan.id()).orElseThrow();
        assertThat(ended.status()).isEqualTo(PlanStatus.PAID);
        assertThat(ended.endedAt()).isNotNull();
        assertThat(ended.endedBy()).isNull();
        assertThat(ended.instalments()).extracting(Instalment::status)
                .containsExactly(InstalmentStatus.PAID, InstalmentStatus.OPEN, InstalmentStatus.OPEN);
        assertThat(plans.current(invoice)).isEmpty();
        assertThat(tokens.verify(token).status()).isEqualTo(PlanAcceptanceCheck.Status.REVOKED);
    }

    @Test
    void aPlanNotYetActiveOrAnInvoiceNotPaidIsCancelledBySystem() {
        String proposedInvoice = invoice("NOK", "10000.00");
        PaymentPlan proposed = evenSplit(proposedInvoice, "10000.00", 3);
        String token = tokens.issue(proposed.id(), proposedInvoice);
        assertThat(plans.endWithInvoice(proposedInvoice, InvoiceStatus.PAID)).isFalse();
        PaymentPlan cancelled = plans.find(proposed.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(PlanStatus.CANCELLED);
        assertThat(cancelled.endedBy()).isEqualTo(PaymentPlans.SYSTEM);
        assertThat(cancelled.endedAt()).isNotNull();
        assertThat(tokens.verify(token).status()).isEqualTo(PlanAcceptanceCheck.Status.REVOKED);

        String creditedInvoice = invoice("NOK", "10000.00");
        PaymentPlan active = activePlan(creditedInvoice);
        assertThat(plans.endWithInvoice(creditedInvoice, InvoiceStatus.CANCELLED)).isFalse();
        assertThat(plans.find(active.id()).orElseThrow().status()).isEqualTo(PlanStatus.CANCELLED);

        // credited in full by the case's own dispute step: no settlement is passed
        String disputedInvoice = invoice("NOK", "10000.00");
        PaymentPlan disputed = activePlan(disputedInvoice);
        assertThat(plans.endWithInvoice(disputedInvoice, null)).isFalse();
        assertThat(plans.find(disputed.id()).orElseThrow().endedBy()).isEqualTo(PaymentPlans.SYSTEM);
    }

    @Test
    void aPlanThePaymentsPaidInFullSaysSoOnceTheInvoiceEnds() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan plan = activePlan(invoice);
        assertThat(pay(invoice, "10000.00", today).fullyPaid()).isTrue();

        assertThat(plans.endWithInvoice(invoice, InvoiceStatus.PAID)).isTrue();
        assertThat(plans.endWithInvoice(invoice, InvoiceStatus.CANCELLED)).isFalse();
        assertThat(plans.find(plan.id()).orElseThrow().status()).isEqualTo(PlanStatus.PAID);
    }

    @Test
    void anInvoiceWithoutPlansOrWithAnEndedOneHasNothingToEnd() {
        String none = invoice("NOK", "10000.00");
        assertThat(plans.endWithInvoice(none, InvoiceStatus.PAID)).isFalse();
        assertThat(plans.of(none)).isEmpty();

        String broken = invoice("NOK", "10000.00");
        PaymentPlan plan = plans.breakPlan(activePlan(broken).id());
        assertThat(plans.endWithInvoice(broken, InvoiceStatus.PAID)).isFalse();
        assertThat(plans.find(plan.id()).orElseThrow().status()).isEqualTo(PlanStatus.BROKEN);
        assertThat(plans.latest(broken)).map(PaymentPlan::id).contains(plan.id());
    }

    @Test
    void theLatestPlanIsTheLiveOneElseTheLastProposed() {
        String invoice = invoice("NOK", "10000.00");
        PaymentPlan first = plans.cancel(evenSplit(invoice, "10000.00", 3).id(), "collector1");
        assertThat(plans.latest(invoice)).map(PaymentPlan::id).contains(first.id());
        PaymentPlan second = plans.reject(evenSplit(invoice, "10000.00", 2).id(), "manager1");
        assertThat(plans.latest(invoice)).map(PaymentPlan::id).contains(second.id());
        PaymentPlan live = evenSplit(invoice, "10000.00", 4);
        assertThat(plans.latest(invoice)).map(PaymentPlan::id).contains(live.id());
        assertThat(plans.requireLatest(invoice).id()).isEqualTo(live.id());
        assertThatThrownBy(() -> plans.requireLatest(invoice("NOK", "100.00"))).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("payment plan");
        assertThatThrownBy(() -> plans.requireLatest("NO-SUCH-INVOICE")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Invoice NO-SUCH-INVOICE");
    }
}
