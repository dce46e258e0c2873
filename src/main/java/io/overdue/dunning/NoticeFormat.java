package io.overdue.dunning;

import io.overdue.channels.NoticeModel;
import io.overdue.customers.Customer;
import io.overdue.invoices.Invoice;
import io.overdue.shared.CreditorProperties;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Facts of a notice formatted for the customer's locale, as {@link NoticeModel} wants them: the templates place
 * text and never compute. Shared by the first reminder, the courtesy reminder and every dunning level, so that
 * they all address and state an invoice the same way.
 */
final class NoticeFormat {

    private final Locale locale;
    private final DateTimeFormatter dates;

    NoticeFormat(Customer customer) {
        this.locale = Locale.forLanguageTag(customer.language());
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
    }

    Locale locale() {
        return locale;
    }

    String date(LocalDate day) {
        return dates.format(day);
    }

    String money(BigDecimal amount) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        return format.format(amount);
    }

    String percent(BigDecimal rate) {
        return money(rate);
    }

    /**
     * The model every written notice needs about the invoice and the creditor, with the amounts given; the caller
     * adds the optional lines (interest detail, compensation, finance contact, credit hold).
     */
    Map<String, Object> model(Customer customer, Invoice invoice, CreditorProperties creditor, BigDecimal principal,
                              BigDecimal fees, BigDecimal interest, BigDecimal total, LocalDate deadline) {
        Map<String, Object> model = new HashMap<>();
        model.put(NoticeModel.CUSTOMER_NAME, customer.name());
        model.put(NoticeModel.INVOICE_NUMBER, invoice.invoiceNumber());
        model.put(NoticeModel.ISSUE_DATE, date(invoice.issueDate()));
        model.put(NoticeModel.DUE_DATE, date(invoice.dueDate()));
        model.put(NoticeModel.CURRENCY, invoice.currency());
        model.put(NoticeModel.PRINCIPAL, money(principal));
        model.put(NoticeModel.FEES, money(fees));
        model.put(NoticeModel.INTEREST, money(interest));
        model.put(NoticeModel.TOTAL, money(total));
        model.put(NoticeModel.DEADLINE, date(deadline));
        model.put(NoticeModel.BANK_ACCOUNT, creditor.bankAccount());
        model.put(NoticeModel.PAYMENT_REFERENCE, invoice.paymentReference());
        model.put(NoticeModel.REFERENCE_TYPE, invoice.referenceType().name());
        model.put(NoticeModel.CREDITOR_NAME, creditor.name());
        model.put(NoticeModel.CREDITOR_EMAIL, creditor.email());
        model.put(NoticeModel.CREDITOR_PHONE, creditor.phone());
        if (creditor.organisationNumber() != null && !creditor.organisationNumber().isBlank()) {
            model.put(NoticeModel.CREDITOR_ORGANISATION_NUMBER, creditor.organisationNumber());
        }
        if (!creditor.address().isEmpty()) {
            model.put(NoticeModel.CREDITOR_ADDRESS, creditor.address());
        }
        if (!customer.postalAddressLines().isEmpty()) {
            model.put(NoticeModel.CUSTOMER_ADDRESS, customer.postalAddressLines());
        }
        return model;
    }
}
