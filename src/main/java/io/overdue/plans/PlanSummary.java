package io.overdue.plans;

import io.overdue.channels.NoticeModel;
import io.overdue.invoices.Invoice;
import io.overdue.shared.CreditorProperties;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A payment plan as the customer reads it, every value formatted for one locale: the email of
 * {@link PlanConfirmations} (the customer's language) and the acceptance page (English) state the same facts.
 *
 * @param total    what the instalments add up to: the claim plus the plan fee
 * @param planFee  the plan's own fee, included in the total; null when there is none
 * @param deadline the last day the customer can accept
 */
record PlanSummary(String creditorName, String invoiceNumber, String currency, List<Row> instalments, String total,
                   String planFee, String deadline, String bankAccount, String paymentReference, String referenceType) {

    /** One instalment: its number, date and amount. */
    record Row(int seq, String date, String amount) {
    }

    static PlanSummary of(PaymentPlan plan, Invoice invoice, CreditorProperties creditor, LocalDate deadline,
                          Locale locale) {
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        List<Row> rows = plan.instalments().stream()
                .map(i -> new Row(i.seq(), dates.format(i.dueDate()), money(i.amount(), locale))).toList();
        return new PlanSummary(creditor.name(), plan.invoiceNumber(), plan.currency(), rows,
                money(plan.amountDue(), locale), plan.planFee() == null ? null : money(plan.planFee(), locale),
                dates.format(deadline), creditor.bankAccount(), invoice.paymentReference(),
                invoice.referenceType().name());
    }

    public Row first() {
        return instalments.get(0);
    }

    /** The facts of the plan as {@link NoticeModel} names them, for the email and the SMS. */
    void addTo(Map<String, Object> model) {
        model.put(NoticeModel.CREDITOR_NAME, creditorName);
        model.put(NoticeModel.INVOICE_NUMBER, invoiceNumber);
        model.put(NoticeModel.CURRENCY, currency);
        model.put(NoticeModel.INSTALMENTS, instalments.stream().map(row -> Map.of(
                NoticeModel.INSTALMENT_DATE, row.date(), NoticeModel.INSTALMENT_AMOUNT, row.amount())).toList());
        model.put(NoticeModel.TOTAL, total);
        if (planFee != null) {
            model.put(NoticeModel.PLAN_FEE, planFee);
        }
        model.put(NoticeModel.DEADLINE, deadline);
        model.put(NoticeModel.BANK_ACCOUNT, bankAccount);
        model.put(NoticeModel.PAYMENT_REFERENCE, paymentReference);
        model.put(NoticeModel.REFERENCE_TYPE, referenceType);
    }

    /** Two decimals at least, as the dunning notices print amounts, with the locale's separators. */
    private static String money(BigDecimal amount, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(Math.max(2, amount.stripTrailingZeros().scale()));
        return format.format(amount);
    }
}
