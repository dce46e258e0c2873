package io.overdue.plans;

import io.overdue.customers.CreditHoldSource;
import io.overdue.customers.CustomerService;
import io.overdue.plans.PaymentPlanProcess.Stages;
import io.overdue.plans.PaymentPlanProcess.Variables;
import io.overdue.plans.PlanCourse.ProposalAnswers;
import io.overdue.plans.PlanTestInvoices.Debtor;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import io.overdue.support.ApplicationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The steps of the payment-plan process against the real database and policy: the proposal from the collector's form,
 * the approval by policy, activation and the credit hold, and the chase of the instalments stage by stage with its
 * emails. Runs on H2 and on PostgreSQL through its subclasses.
 */
abstract class PlanCourseContract extends ApplicationTest {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    static final LocalTime REMINDER_TIME = LocalTime.of(9, 0);

    @Autowired PlanCourse course;
    @Autowired PaymentPlans plans;
    @Autowired CustomerService customers;
    @Autowired JdbcTemplate jdbc;
    @Autowired io.overdue.invoices.InvoiceAdjustments adjustments;

    final LocalDate today = LocalDate.now(OSLO);

    String invoice(Debtor debtor, String currency, String amount) {
        return PlanTestInvoices.open(as(ERP), jdbc, unique("C"), uniqueDigits(), debtor, currency, amount, today.minusDays(20));
    }

    static ProposalAnswers evenSplit(Long count, LocalDate first, String interval, boolean fee) {
        return new ProposalAnswers(ProposalAnswers.EVEN_SPLIT, count, first == null ? null : first.toString(), interval,
                null, fee);
    }

    static ProposalAnswers lines(String lines) {
        return new ProposalAnswers(ProposalAnswers.EXPLICIT, null, null, null, lines, false);
    }

    List<Violation> refused(String invoice, ProposalAnswers answers) {
        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> course.propose(invoice, answers, "collector1"));
        assertThat(refused).as("the proposal is refused").isNotNull();
        assertThat(plans.of(invoice)).as("nothing is written").isEmpty();
        return refused.violations();
    }

    /** A Norwegian business plan of 9,000.00 NOK in 3 monthly instalments, the first in 10 days, active. */
    PaymentPlan activePlan(String invoice) {
        PaymentPlan plan = course.propose(invoice, evenSplit(3L, today.plusDays(10), "P1M", false), "collector1");
        course.decideApproval(plan.id());
        course.confirmedByCollector(plan.id());
        course.activate(plan.id());
        return plans.find(plan.id()).orElseThrow();
    }

    static java.time.Instant at(LocalDate day) {
        return day.atTime(REMINDER_TIME).atZone(OSLO).toInstant();
    }

    // ---------------------------------------------------------------- proposal

    @Test
    void anEvenSplitFromTheFormIsProposedAgainstTheClaim() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");

        PaymentPlan plan = course.propose(invoice, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");

        assertThat(plan.status()).isEqualTo(PlanStatus.PROPOSED);
        assertThat(plan.total()).isEqualByComparingTo("9000.00");
        assertThat(plan.planFee()).isNull();
        assertThat(plan.proposedBy()).isEqualTo("collector1");
        assertThat(plan.instalments()).extracting(Instalment::amount).containsExactly(
                new BigDecimal("3000.00"), new BigDecimal("3000.00"), new BigDecimal("3000.00"));
        assertThat(plan.instalments().get(0).dueDate()).isEqualTo(today.plusDays(14));
    }

    @Test
    void ownInstalmentsFromTheFormAreTakenAsTyped() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");

        PaymentPlan plan = course.propose(invoice, lines(today.plusDays(5) + " 4000\n" + today.plusDays(35) + "  5000,00"),
                "collector1");

        assertThat(plan.instalments()).extracting(Instalment::dueDate).containsExactly(today.plusDays(5), today.plusDays(35));
        assertThat(plan.instalments()).extracting(Instalment::amount).containsExactly(new BigDecimal("4000.00"),
                new BigDecimal("5000.00"));
    }

    @Test
    void everyFaultOfTheFormIsNamedInItsOwnFieldsAndNothingIsStored() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");

        List<Violation> faults = refused(invoice, new ProposalAnswers(ProposalAnswers.EXPLICIT, null, null, null,
                "next week 4000\n2026-13-01 5000", true));

        assertThat(faults).extracting(Violation::field).containsExactlyInAnyOrder(Variables.ADD_PLAN_FEE,
                Variables.INSTALMENT_LINES, Variables.INSTALMENT_LINES);
        assertThat(faults).extracting(Violation::message).anyMatch(m -> m.contains("line 1"))
                .anyMatch(m -> m.contains("line 2")).anyMatch(m -> m.contains("no plan fee"));
    }

    @Test
    void anEvenSplitWithoutItsAnswersNamesEach() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");

        assertThat(refused(invoice, evenSplit(null, null, "monthly", false))).extracting(Violation::field)
                .containsExactlyInAnyOrder(Variables.INSTALMENT_COUNT, Variables.FIRST_PAYMENT_DATE, Variables.PAYMENT_INTERVAL);
        assertThat(refused(invoice, new ProposalAnswers(null, null, null, null, null, false))).extracting(Violation::field)
                .containsExactly(Variables.PLAN_SPLIT);
    }

    @Test
    void moreInstalmentsThanThePolicyAllowsAreRefused() {
        // A Norwegian business claim under NOK 100,000: at most 6 instalments within 180 days.
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "50000.00");

        assertThat(refused(invoice, evenSplit(7L, today.plusDays(7), "P14D", false))).extracting(Violation::field)
                .containsExactly(Variables.INSTALMENT_COUNT);
    }

    @Test
    void aSwedishConsumerPlanMayCarryTheStatutoryPlanFee() {
        String invoice = invoice(Debtor.SWEDISH_CONSUMER, "SEK", "3000.00");

        PaymentPlan plan = course.propose(invoice, evenSplit(2L, today.plusDays(14), "P1M", true), "collector1");

        assertThat(plan.planFee()).isEqualByComparingTo("170");
        assertThat(plan.amountDue()).isEqualByComparingTo("3170.00");
        assertThat(plan.instalments()).extracting(Instalment::amount)
                .containsExactly(new BigDecimal("1585.00"), new BigDecimal("1585.00"));
    }

    // ---------------------------------------------------------------- approval and activation

    @Test
    void aSmallPlanIsApprovedByThePolicyItself() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");
        PaymentPlan plan = course.propose(invoice, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");

        PaymentPlanDecisions.Approval approval = course.decideApproval(plan.id());

        assertThat(approval.automatic()).isTrue();
        PaymentPlan approved = plans.find(plan.id()).orElseThrow();
        assertThat(approved.status()).isEqualTo(PlanStatus.AWAITING_ACCEPTANCE);
        assertThat(approved.approvedBy()).isEqualTo(PlanCourse.APPROVED_BY_POLICY);
    }

    @Test
    void aCustomerWhoBrokeAPlanBeforeNeedsAManagerWhoMayReject() {
        String customer = unique("C");
        String first = PlanTestInvoices.open(as(ERP), jdbc, customer, uniqueDigits(), Debtor.NORWEGIAN_BUSINESS, "NOK",
                "9000.00", today.minusDays(20));
        plans.breakPlan(activePlan(first).id());
        String second = PlanTestInvoices.open(as(ERP), jdbc, customer, uniqueDigits(), Debtor.NORWEGIAN_BUSINESS, "NOK",
                "9000.00", today.minusDays(20));
        PaymentPlan plan = course.propose(second, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");

        PaymentPlanDecisions.Approval approval = course.decideApproval(plan.id());

        assertThat(approval.approval()).isEqualTo(PaymentPlanPolicy.Approvals.MANAGER);
        assertThat(plans.find(plan.id()).orElseThrow().status()).isEqualTo(PlanStatus.AWAITING_APPROVAL);
        course.managerDecision(plan.id(), false, "manager1");
        PaymentPlan rejected = plans.find(plan.id()).orElseThrow();
        assertThat(rejected.status()).isEqualTo(PlanStatus.REJECTED);
        assertThat(rejected.endedBy()).isEqualTo("manager1");
    }

    @Test
    void activationAsksToLiftTheHoldOfACustomerOnHoldAndTheReleaseLiftsIt() {
        String customer = unique("C");
        String invoice = PlanTestInvoices.open(as(ERP), jdbc, customer, uniqueDigits(), Debtor.NORWEGIAN_BUSINESS, "NOK",
                "9000.00", today.minusDays(20));
        customers.setCreditHold(customer, true, CreditHoldSource.POLICY);
        PaymentPlan plan = course.propose(invoice, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");
        course.decideApproval(plan.id());
        course.confirmedByCollector(plan.id());

        assertThat(course.activate(plan.id())).as("the policy lifts the hold of a small business plan").isTrue();
        course.releaseCreditHold(plan.id());

        assertThat(customers.get(customer).creditHold()).isFalse();
        PaymentPlan active = plans.find(plan.id()).orElseThrow();
        assertThat(active.status()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(active.acceptedHow()).isEqualTo(AcceptedHow.RECORDED_BY_COLLECTOR);
    }

    @Test
    void anUnconfirmedPlanExpiresAndAWithdrawnOneIsCancelled() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");
        PaymentPlan plan = course.propose(invoice, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");
        course.decideApproval(plan.id());

        course.expire(plan.id());
        assertThat(plans.find(plan.id()).orElseThrow().status()).isEqualTo(PlanStatus.EXPIRED);
        course.cancel(plan.id(), "collector1");
        assertThat(plans.find(plan.id()).orElseThrow().status()).as("an ended plan stays as it ended").isEqualTo(PlanStatus.EXPIRED);

        PaymentPlan next = course.propose(invoice, evenSplit(3L, today.plusDays(14), "P1M", false), "collector1");
        course.cancel(next.id(), "collector1");
        assertThat(plans.find(next.id()).orElseThrow().status()).isEqualTo(PlanStatus.CANCELLED);
    }

    // ---------------------------------------------------------------- the chase

    @Test
    void theChaseGoesFromTheReminderToTheDateToTheLastChanceAndBreaksAnUnpaidPlan() throws Exception {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");
        PaymentPlan plan = activePlan(invoice);
        LocalDate due = today.plusDays(10);

        // Norwegian business plans: reminded 3 days before, 3 days' grace, then 7 days to pay.
        assertThat(course.next(plan.id())).isEqualTo(new PlanCourse.Step(1, Stages.REMIND, at(due.minusDays(3))));

        course.remindDueSoon(plan.id(), 1);
        course.remindDueSoon(plan.id(), 1);
        assertThat(MAIL.getReceivedMessages()).as("one reminder, however often the step runs").hasSize(1);
        MimeMessage reminder = MAIL.getReceivedMessages()[0];
        assertThat(reminder.getSubject()).as("in the customer's language").contains(invoice).contains("avdrag forfaller snart");
        assertThat(reminder.getAllRecipients()[0].toString()).isEqualTo("faktura@fjellheim.example");
        assertThat(course.next(plan.id())).isEqualTo(new PlanCourse.Step(1, Stages.DUE, at(due.plusDays(4))));

        course.remindMissed(plan.id(), 1);
        course.remindMissed(plan.id(), 1);
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
        assertThat(MAIL.getReceivedMessages()[1].getSubject()).contains("et avdrag mangler");
        Instalment late = plans.find(plan.id()).orElseThrow().instalments().get(0);
        assertThat(late.status()).isEqualTo(InstalmentStatus.LATE);
        assertThat(course.next(plan.id())).isEqualTo(new PlanCourse.Step(1, Stages.LAST_CHANCE, at(today.plusDays(8))));

        assertThat(course.breakIfUnpaid(plan.id(), 1)).isTrue();
        PaymentPlan broken = plans.find(plan.id()).orElseThrow();
        assertThat(broken.status()).isEqualTo(PlanStatus.BROKEN);
        assertThat(broken.instalments().get(0).status()).isEqualTo(InstalmentStatus.MISSED);
        assertThat(course.next(plan.id()).stage()).isEqualTo(Stages.ALL_PAID);
    }

    @Test
    void paymentsMoveTheChaseToTheNextInstalmentAndAPaidInstalmentIsNeitherRemindedNorBroken() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000.00");
        PaymentPlan plan = activePlan(invoice);

        plans.allocate(invoice, new BigDecimal("3000.00"), today);
        course.remindDueSoon(plan.id(), 1);
        course.remindMissed(plan.id(), 1);

        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(course.breakIfUnpaid(plan.id(), 1)).isFalse();
        assertThat(course.next(plan.id())).isEqualTo(new PlanCourse.Step(2, Stages.REMIND,
                at(today.plusDays(10).plusMonths(1).minusDays(3))));

        plans.allocate(invoice, new BigDecimal("6000.00"), today);
        assertThat(course.next(plan.id())).isEqualTo(new PlanCourse.Step(0, Stages.ALL_PAID, null));
        assertThat(plans.find(plan.id()).orElseThrow().status()).isEqualTo(PlanStatus.PAID);
    }

    @Test
    void interestStopsOnTheDayAKeptPlanWasProposedSoPayingItsWholeAmountLaterSettlesTheInvoice() {
        String invoice = invoice(Debtor.NORWEGIAN_BUSINESS, "NOK", "9000");
        LocalDate halfYear = LocalDate.of(today.getYear(), today.getMonthValue() <= 6 ? 1 : 7, 1);
        String source = "PlanCourseContract: temporary rate";
        jdbc.update("DELETE FROM statutory_rate WHERE source = ?", source);
        jdbc.update("INSERT INTO statutory_rate (country, kind, valid_from, figure, currency, source) "
                + "VALUES ('NO', 'LATE_INTEREST_RATE', ?, 12.5, NULL, ?)", halfYear, source);
        try {
            String customer = jdbc.queryForObject("SELECT c.customer_number FROM customer c JOIN invoice i "
                    + "ON i.customer_id = c.id WHERE i.invoice_number = ?", String.class, invoice);
            // A notice claimed interest, so it runs to the day: 20 days of it on 9,000 are owed when the plan is made.
            io.overdue.support.NoticeRows.insert(jdbc, invoice, customer, today.minusDays(5), "9000", null, "1.00", null);
            java.math.BigDecimal owedToday = adjustments.owed(invoice).total();
            assertThat(owedToday).isGreaterThan(new java.math.BigDecimal("9001.00"));

            PaymentPlan plan = activePlan(invoice);
            assertThat(plan.amountDue()).isEqualByComparingTo(owedToday);

            // A month later the whole plan paid at once: no interest ran meanwhile, so it settles the invoice exactly.
            var paid = as(ERP).postForEntity("/api/invoices/" + invoice + "/payments", jsonEntity("""
                    {"paymentId": "%s", "amount": %s, "currency": "NOK", "paidOn": "%s"}""".formatted(unique("P"),
                    plan.amountDue().toPlainString(), today.plusDays(30))), String.class);
            assertThat(paid.getStatusCode().is2xxSuccessful()).as(paid.getBody()).isTrue();
            assertThat((String) com.jayway.jsonpath.JsonPath.read(paid.getBody(), "$.invoice.status")).isEqualTo("PAID");
        } finally {
            jdbc.update("DELETE FROM statutory_rate WHERE source = ?", source);
        }
    }
}
