package io.overdue.channels;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One message to a customer. The idempotency key names the business event (e.g. "first-reminder:10023"),
 * so a retried job finds the earlier send instead of sending again. The model holds facts already formatted
 * for the customer's locale; {@link NoticeModel} lists the keys a template needs.
 *
 * @param attachments files that go with the email (e.g. a copy of the invoice); other channels ignore them
 * @param bundle      notices with the same bundle (a customer's notices of one level and day) go to a recipient as one
 *                    message listing them all; null for a notice that always goes alone
 */
public record Notice(String idempotencyKey, String invoiceNumber, String customerNumber, String recipient,
                     String template, Locale locale, Map<String, Object> model, List<Attachment> attachments,
                     String bundle) {

    public Notice {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A notice without attachments. */
    public Notice(String idempotencyKey, String invoiceNumber, String customerNumber, String recipient,
                  String template, Locale locale, Map<String, Object> model) {
        this(idempotencyKey, invoiceNumber, customerNumber, recipient, template, locale, model, List.of(), null);
    }

    /** This notice with the given files attached to its email. */
    public Notice withAttachments(Attachment... files) {
        return new Notice(idempotencyKey, invoiceNumber, customerNumber, recipient, template, locale, model, List.of(files),
                bundle);
    }

    /** This notice, to go together with the customer's other notices of the same bundle. */
    public Notice inBundle(String bundleKey) {
        return new Notice(idempotencyKey, invoiceNumber, customerNumber, recipient, template, locale, model, attachments,
                bundleKey);
    }

    /** This notice to another recipient. */
    public Notice to(String otherRecipient) {
        return new Notice(idempotencyKey, invoiceNumber, customerNumber, otherRecipient, template, locale, model,
                attachments, bundle);
    }

    /**
     * A file sent with the email.
     *
     * @param name        file name the customer sees, e.g. "invoice-10023.pdf"
     * @param contentType MIME type, e.g. "application/pdf"
     */
    public record Attachment(String name, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(name, "attachment name");
            Objects.requireNonNull(contentType, "attachment content type");
            Objects.requireNonNull(content, "attachment content");
        }

        public static Attachment pdf(String name, byte[] content) {
            return new Attachment(name, "application/pdf", content);
        }
    }
}
