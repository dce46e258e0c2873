package io.overdue.demo;

import io.overdue.customers.ContactRole;
import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerRequest;
import io.overdue.customers.CustomerRequest.ContactRequest;
import io.overdue.customers.CustomerService;
import io.overdue.dunning.CaseActions;
import io.overdue.identity.Groups;
import io.overdue.invoices.IntakeResult;
import io.overdue.invoices.InvoiceIntake;
import io.overdue.invoices.InvoiceRequest;
import io.overdue.invoices.InvoiceService;
import io.overdue.payments.IncomingPayment;
import io.overdue.payments.PaymentIntake;
import io.overdue.payments.PaymentSource;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Demo users, customers and invoices in various states, so that a newcomer sees cases in Cockpit and tasks
 * in Tasklist at once. Goes through the same intake as the ERP, so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "overdue.demo.enabled", havingValue = "true")
class DemoData {

    /** user id, first name, group; the password is the user id. Listed in the README. */
    static final List<String[]> USERS = List.of(
            new String[]{"collector", "Cora Collector", Groups.COLLECTORS},
            new String[]{"manager", "Magnus Manager", Groups.MANAGERS},
            new String[]{"erp", "ERP Integration", Groups.INTEGRATIONS});

    /** The admin user of the default mode (camunda.bpm.admin-user in application.yaml). */
    static final String ADMIN = "demo";

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final IdentityService identity;
    private final CustomerService customers;
    private final InvoiceIntake intake;
    private final CaseActions cases;
    private final InvoiceService invoices;
    private final PaymentIntake payments;
    private final Clock clock;

    DemoData(IdentityService identity, CustomerService customers, InvoiceIntake intake, CaseActions cases,
             InvoiceService invoices, PaymentIntake payments, Clock clock) {
        this.invoices = invoices;
        this.payments = payments;
        this.identity = identity;
        this.customers = customers;
        this.intake = intake;
        this.cases = cases;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        USERS.forEach(u -> user(u[0], u[1], u[2]));
        member("manager", Groups.COLLECTORS);
        // The demo admin sees the collectors' tasks too, so that one login shows everything.
        if (identity.createUserQuery().userId(ADMIN).count() > 0) {
            member(ADMIN, Groups.COLLECTORS);
            member(ADMIN, Groups.MANAGERS);
        }
        if (invoices.find("900101").isPresent()) {
            // The sample invoices have lived on since the last start (payments, reminders, tasks): leave them be.
            log.info("Demo data present: users {}", USERS.stream().map(u -> u[0]).toList());
            return;
        }
        customers.upsert("10001", new CustomerRequest("Nordlys Bygg AS", "923456783", CustomerKind.BUSINESS, "NO", "nb",
                "post@nordlys-bygg.example", "+4791234567", new BigDecimal("250000"), "NOK", false, false,
                List.of(new ContactRequest(ContactRole.ACCOUNTS_PAYABLE, "Ola Regnskap", "faktura@nordlys-bygg.example", "+4792345678"),
                        new ContactRequest(ContactRole.CFO, "Ingrid Økonomi", "cfo@nordlys-bygg.example", "+4793456789"))));
        customers.upsert("10002", new CustomerRequest("Kari Nordmann", null, CustomerKind.CONSUMER, "NO", "nb",
                "kari@example.com", "+4741234567", null, null, false, false, List.of(),
                List.of("Kari Nordmann", "Storgata 1", "0155 Oslo")));
        customers.upsert("20001", new CustomerRequest("Solberga Trä AB", "5566778899", CustomerKind.BUSINESS, "SE", "sv",
                "ekonomi@solberga.example", "+46701234567", new BigDecimal("100000"), "SEK", false, false,
                List.of(new ContactRequest(ContactRole.CEO, "Anna Solberg", "anna@solberga.example", "+46702345678"))));
        customers.upsert("30001", new CustomerRequest("Rheinblick GmbH", null, CustomerKind.BUSINESS, "DE", "en",
                "buchhaltung@rheinblick.example", "+4930123456", null, null, false, false, List.of()));

        LocalDate today = LocalDate.now(clock);
        List<IntakeResult> results = intake.accept(List.of(
                invoice("900101", "10001", today.minusDays(20), today.plusDays(10), "NOK", "18750.00"),
                invoice("900102", "10001", today.minusDays(12), today.plusDays(2), "NOK", "4200.00"),
                invoice("900103", "10002", today.minusDays(16), today.minusDays(2), "NOK", "1490.00"),
                invoice("900104", "10002", today.minusDays(24), today.minusDays(10), "NOK", "899.00"),
                invoice("900105", "10001", today.minusDays(44), today.minusDays(30), "NOK", "56300.00"),
                invoice("500201", "20001", today.minusDays(75), today.minusDays(45), "SEK", "32000.00"),
                invoice("500202", "20001", today.minusDays(40), today.minusDays(10), "SEK", "7800.00"),
                invoice("DE-2026-0042", "30001", today.minusDays(60), today.minusDays(30), "EUR", "2400.00"),
                invoice("900106", "10002", today.minusDays(30), today.minusDays(16), "NOK", "650.00")),
                InvoiceIntake.Locator.BATCH);
        // Long-overdue invoices were reminded in the old system before they came to us: a collector calls now.
        List<String> takenOver = List.of("900105", "500201", "DE-2026-0042");
        results.stream().filter(r -> r.result() == IntakeResult.Outcome.CREATED && takenOver.contains(r.invoiceNumber()))
                .forEach(r -> cases.callNow(r.invoiceNumber()));
        // Kari Nordmann wrote that she cannot pay 900104 at once: collectors find the task to propose a plan.
        results.stream().filter(r -> r.result() == IntakeResult.Outcome.CREATED && r.invoiceNumber().equals("900104"))
                .forEach(r -> cases.requestPaymentPlan(r.invoiceNumber(), "Asked by email to pay in two parts", "demo"));
        // One invoice the customer has paid since: its case ends.
        intake.accept(List.of(new InvoiceRequest("900106", "10002", today.minusDays(30).toString(),
                today.minusDays(16).toString(), "NOK", new BigDecimal("650.00"), BigDecimal.ZERO, null, null, null)),
                InvoiceIntake.Locator.SINGLE);
        // A bank payment the matcher cannot place (4000 is no open balance, 900120 no invoice): collectors find the
        // task Match payment, suggesting 900102 (its number with two digits swapped) and Nordlys Bygg's other invoices.
        payments.receive(new IncomingPayment("DEMO-NDEA-0001", new BigDecimal("4000.00"), "NOK", today.minusDays(1), null,
                null, "Faktura 900120", "NORDLYS BYGG AS", null, null, PaymentSource.API));
        log.info("Demo data ready: users {}, {} invoices", USERS.stream().map(u -> u[0]).toList(), results.size());
    }

    private void user(String id, String name, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(name.split(" ")[0]);
            user.setLastName(name.substring(name.indexOf(' ') + 1));
            user.setEmail(id + "@overdue.example");
            user.setPassword(id);
            identity.saveUser(user);
        }
        member(id, group);
    }

    private void member(String userId, String group) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
            identity.createMembership(userId, group);
        }
    }

    private static InvoiceRequest invoice(String number, String customer, LocalDate issued, LocalDate due,
                                          String currency, String amount) {
        return new InvoiceRequest(number, customer, issued.toString(), due.toString(), currency, new BigDecimal(amount),
                null, null, null, null);
    }
}
