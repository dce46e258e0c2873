package io.overdue.dunning;

import io.overdue.channels.EmailChannel;
import io.overdue.channels.Notice;
import io.overdue.channels.SmsChannel;
import io.overdue.customers.Customer;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.Invoice;
import io.overdue.plans.Instalment;
import io.overdue.plans.PaymentPlan;
import io.overdue.plans.PlanNotices;
import io.overdue.shared.CreditorProperties;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * The customer's messages about a plan's instalments, by email and SMS, with the creditor's payment details like every
 * dunning notice. Keys {@code plan:<id>:instalment:<seq>:<kind>:<channel>} make a retried step find what it sent.
 */
@Component
class PlanInstalmentNotices implements PlanNotices {

    static final String DUE_SOON = "plan-instalment-due";
    static final String MISSED = "plan-instalment-missed";
    static final String INSTALMENT_NUMBER = "instalmentNumber";
    static final String INSTALMENT_COUNT = "instalmentCount";
    static final String INSTALMENT_DATE = "instalmentDate";

    private final CaseFacts caseFacts;
    private final CustomerService customers;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final CreditorProperties creditor;

    PlanInstalmentNotices(CaseFacts caseFacts, CustomerService customers, EmailChannel email, SmsChannel sms,
                          CreditorProperties creditor) {
        this.caseFacts = caseFacts;
        this.customers = customers;
        this.email = email;
        this.sms = sms;
        this.creditor = creditor;
    }

    @Override
    public void instalmentDueSoon(PaymentPlan plan, Instalment instalment) {
        send(plan, instalment, DUE_SOON, "due", instalment.dueDate());
    }

    @Override
    public void instalmentMissed(PaymentPlan plan, Instalment instalment, LocalDate deadline) {
        send(plan, instalment, MISSED, "missed", deadline);
    }

    private void send(PaymentPlan plan, Instalment instalment, String template, String kind, LocalDate deadline) {
        Invoice invoice = caseFacts.of(plan.invoiceNumber()).invoice();
        Customer customer = customers.get(caseFacts.of(plan.invoiceNumber()).customer().customerNumber());
        NoticeFormat format = new NoticeFormat(customer);
        BigDecimal outstanding = instalment.outstanding();
        Map<String, Object> model = format.model(customer, invoice, creditor, outstanding, BigDecimal.ZERO,
                BigDecimal.ZERO, outstanding, deadline);
        model.put(INSTALMENT_NUMBER, instalment.seq());
        model.put(INSTALMENT_COUNT, plan.instalments().size());
        model.put(INSTALMENT_DATE, format.date(instalment.dueDate()));
        String key = "plan:" + plan.id() + ":instalment:" + instalment.seq() + ":" + kind + ":";
        email.send(new Notice(key + "EMAIL", plan.invoiceNumber(), customer.customerNumber(),
                customer.noticeEmail(), template, format.locale(), model));
        customer.smsNumber().ifPresent(number -> sms.send(new Notice(key + "SMS", plan.invoiceNumber(),
                customer.customerNumber(), number, template, format.locale(), model)));
    }
}
