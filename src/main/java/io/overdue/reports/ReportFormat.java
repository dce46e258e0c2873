package io.overdue.reports;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * How the report page writes its values and labels in the user's language ({@code @reportFormat} in the template):
 * numbers with the language's separators, labels from {@code reports*.properties}.
 */
@Component("reportFormat")
class ReportFormat {

    private final MessageSource messages;

    ReportFormat(MessageSource messages) {
        this.messages = messages;
    }

    /** A value of a column of this kind; a dash for none. */
    public String value(ReportTable.Kind kind, Object value, Locale locale) {
        if (value == null) {
            return "–";
        }
        return switch (kind) {
            case MONEY -> number(value, 2, locale);
            case PERCENT -> messages.getMessage("reports.percent", new Object[]{number(value, 1, locale)}, locale);
            case DAYS -> number(value, 1, locale);
            case COUNT -> number(value, 0, locale);
            case LABEL -> label(value.toString(), locale);
            case TEXT -> value.toString();
        };
    }

    /**
     * A label's words: {@code reports.label.<code>} (e.g. {@code bucket.1-30}); else the words of its kind with the
     * code in them ({@code reports.label.level} "Level {0}"); else the code itself (an activity a manager added to
     * the model, shown by its id).
     */
    public String label(String code, Locale locale) {
        int dot = code.indexOf('.');
        String bare = code.substring(dot + 1);
        String words = messages.getMessage("reports.label." + code, null, null, locale);
        if (words == null && dot > 0) {
            words = messages.getMessage("reports.label." + code.substring(0, dot), new Object[]{bare}, null, locale);
        }
        return words == null ? bare : words;
    }

    private static String number(Object value, int decimals, Locale locale) {
        NumberFormat format = NumberFormat.getNumberInstance(locale);
        format.setMinimumFractionDigits(decimals);
        format.setMaximumFractionDigits(decimals);
        return format.format(value instanceof BigDecimal number ? number : new BigDecimal(value.toString()));
    }
}
