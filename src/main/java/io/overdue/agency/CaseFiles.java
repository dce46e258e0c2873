package io.overdue.agency;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.LetterChannel;
import io.overdue.charges.Charges;
import io.overdue.charges.FeeDecision;
import io.overdue.charges.LateInterest;
import io.overdue.charges.MissingRateException;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerKind;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.InvoiceService;
import io.overdue.invoices.InvoiceView;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Gathers a case file from the modules that own each part; it invents nothing the system has not recorded. */
@Component
class CaseFiles {

    static final String HAND_OVER_ID_PREFIX = "overdue-handover:";

    private final InvoiceService invoices;
    private final CustomerService customers;
    private final CommunicationLog communicationLog;
    private final LetterChannel letters;
    private final Charges charges;
    private final ObjectProvider<CaseHistory> history;
    private final AgencyProperties properties;
    private final Clock clock;
    private final CaseFile.Creditor creditor;

    CaseFiles(InvoiceService invoices, CustomerService customers, CommunicationLog communicationLog,
              LetterChannel letters, Charges charges, ObjectProvider<CaseHistory> history, AgencyProperties properties,
              Clock clock,
              @Value("${overdue.creditor.name}") String creditorName,
              @Value("${overdue.creditor.organisation-number:#{null}}") String creditorOrganisationNumber,
              @Value("${overdue.creditor.bank-account}") String creditorBankAccount,
              @Value("${overdue.creditor.email:#{null}}") String creditorEmail,
              @Value("${overdue.creditor.phone:#{null}}") String creditorPhone) {
        this.invoices = invoices;
        this.customers = customers;
        this.communicationLog = communicationLog;
        this.letters = letters;
        this.charges = charges;
        this.history = history;
        this.properties = properties;
        this.clock = clock;
        this.creditor = new CaseFile.Creditor(creditorName, creditorOrganisationNumber, creditorBankAccount,
                creditorEmail, creditorPhone);
    }

    /** @throws io.overdue.shared.NotFoundException when there is no such invoice */
    CaseFile build(String invoiceNumber) {
        InvoiceView invoice = invoices.view(invoiceNumber);
        Customer customer = customers.get(invoice.customerNumber());
        Instant now = clock.instant();
        LocalDate handOverDate = LocalDate.ofInstant(now, properties.zone());
        CaseHistory caseHistory = history.getIfAvailable(() -> CaseHistory.NONE);

        CaseFile.Debtor debtor = new CaseFile.Debtor(customer.customerNumber(), customer.name(), customer.kind().name(),
                customer.organisationNumber(), customer.country(), customer.language(), customer.email(),
                customer.phone(), customer.contacts().stream()
                .map(c -> new CaseFile.Contact(c.role().name(), c.name(), c.email(), c.phone())).toList());
        CaseFile.InvoiceFacts facts = new CaseFile.InvoiceFacts(invoice.invoiceNumber(), invoice.issueDate(),
                invoice.dueDate(), invoice.currency(), invoice.amount(), invoice.openBalance(),
                invoice.paymentReference(), invoice.referenceType().name(), invoice.status().name());
        CaseFile.ChargeFacts chargeFacts = new CaseFile.ChargeFacts(
                interest(customer.country(), invoice, handOverDate),
                fixedCompensation(customer.country(), customer.kind(), invoice.dueDate()),
                caseHistory.fees(invoiceNumber));
        List<CaseFile.NoticeFacts> notices = communicationLog.forInvoice(invoiceNumber).stream()
                .map(n -> new CaseFile.NoticeFacts(n.channel(), n.recipient(), n.template(), n.subject(), n.content(),
                        n.status(), n.providerId(), n.sentAt()))
                .toList();
        List<CaseFile.LetterFacts> letterFacts = letters.forInvoice(invoiceNumber).stream()
                .map(l -> new CaseFile.LetterFacts(l.id(), l.template(), l.createdAt(), l.size(),
                        "/api/invoices/" + invoiceNumber + "/letters/" + l.id()))
                .toList();
        return new CaseFile(CaseFile.SCHEMA_VERSION, HAND_OVER_ID_PREFIX + invoiceNumber, now, handOverDate, creditor,
                debtor, facts, chargeFacts, notices, letterFacts, caseHistory.disputes(invoiceNumber),
                caseHistory.promises(invoiceNumber));
    }

    private CaseFile.Interest interest(String country, InvoiceView invoice, LocalDate until) {
        LocalDate from = invoice.dueDate().plusDays(1);
        try {
            LateInterest interest = charges.lateInterest(country, invoice.openBalance(), invoice.currency(),
                    invoice.dueDate(), until);
            return new CaseFile.Interest(true, invoice.openBalance(), invoice.currency(), from, until, interest.amount(),
                    interest.periods().stream().map(p -> new CaseFile.InterestPeriod(p.firstDay(), p.lastDay(),
                            p.days(), p.annualRatePercent(), p.source())).toList(), null, null);
        } catch (MissingRateException e) {
            // The agency gets the claim without interest and the reason, rather than no case file or a guessed rate.
            return new CaseFile.Interest(false, invoice.openBalance(), invoice.currency(), from, until, null, List.of(),
                    "Late interest could not be computed: " + e.getMessage(), missingRate(e));
        }
    }

    private CaseFile.FixedCompensation fixedCompensation(String country, CustomerKind kind, LocalDate dueDate) {
        try {
            FeeDecision decision = charges.fixedCompensation(country, kind, dueDate);
            return new CaseFile.FixedCompensation(decision.charged(), decision.amount(), decision.currency(),
                    decision.source(), decision.reason() == null ? null : decision.reason().name(),
                    decision.explanation(), null);
        } catch (MissingRateException e) {
            return new CaseFile.FixedCompensation(false, null, null, null, "MISSING_RATE",
                    "Fixed compensation could not be computed: " + e.getMessage(), missingRate(e));
        }
    }

    private static CaseFile.MissingRate missingRate(MissingRateException e) {
        return new CaseFile.MissingRate(e.country(), e.kind().name(), e.date());
    }
}
