package io.overdue.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** What a customer reads in an email the tests caught at GreenMail. */
public final class Emails {

    private Emails() {
    }

    /** The plain-text part, however deep in mixed and alternative parts; the content itself for a plain email. */
    public static String text(MimeMessage message) throws Exception {
        Object content = message.getContent();
        if (content instanceof String plain) {
            return plain;
        }
        return findText((Multipart) content);
    }

    private static String findText(Multipart multipart) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart nested) {
                String found = findText(nested);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
