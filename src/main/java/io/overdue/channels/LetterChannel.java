package io.overdue.channels;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Makes letters for notices that must go by post: a PDF rendered from {@code templates/letters/<template>.html}
 * in the customer's language, stored with the case and recorded in the communication log. Nothing is posted
 * yet; a collector downloads the letter (see {@code GET /api/invoices/{invoiceNumber}/letters/{id}}).
 *
 * <p>Exactly once per idempotency key, as with email: a retry finds the stored letter and returns it. Two
 * attempts at the same moment both render, but the unique key lets only one commit; the other fails and its
 * retry finds the winner's letter.
 */
@Service
public class LetterChannel {

    public static final String CHANNEL = "LETTER";

    /**
     * Prefix of the letter's key in the communication log, whose keys are unique across channels: the same
     * business event may produce both an email and a letter, and the email channel must not take the
     * letter's entry for its own send.
     */
    static final String LOG_KEY_PREFIX = "letter:";

    private static final Logger log = LoggerFactory.getLogger(LetterChannel.class);

    private final Letters letters;
    private final LetterRenderer renderer;
    private final CommunicationLog communicationLog;
    private final Clock clock;

    LetterChannel(Letters letters, LetterRenderer renderer, CommunicationLog communicationLog, Clock clock) {
        this.letters = letters;
        this.renderer = renderer;
        this.communicationLog = communicationLog;
        this.clock = clock;
    }

    /**
     * Renders and stores the letter for this notice, or returns the one stored before under its idempotency key.
     * The notice's recipient is the addressee's name as printed; when it is null the model's customerName is.
     */
    @Transactional
    public Letter store(Notice notice) {
        Optional<Letter> earlier = letters.byKey(notice.idempotencyKey());
        if (earlier.isPresent()) {
            log.info("Letter {} was made before (letter {}); not making another", notice.idempotencyKey(), earlier.get().id());
            return earlier.get();
        }
        byte[] pdf = renderer.pdf(notice);
        Letter letter = letters.insert(new Letter(0, notice.idempotencyKey(), notice.invoiceNumber(),
                notice.customerNumber(), notice.template(), clock.instant(), pdf.length, pdf));
        String addressee = notice.recipient() != null ? notice.recipient() : (String) notice.model().get("customerName");
        communicationLog.append(new SentNotice(0, LOG_KEY_PREFIX + notice.idempotencyKey(), notice.invoiceNumber(),
                notice.customerNumber(), CHANNEL, addressee, notice.template(), renderer.subject(notice),
                summary(letter), SentNotice.STORED, String.valueOf(letter.id()), letter.createdAt(), null));
        log.info("Letter {} stored as letter {} ({} bytes)", notice.idempotencyKey(), letter.id(), letter.size());
        return letter;
    }

    /** The letter with this id, when it belongs to this invoice. */
    public Optional<Letter> find(String invoiceNumber, long id) {
        return letters.byId(id).filter(letter -> letter.invoiceNumber().equals(invoiceNumber));
    }

    /** The letters of an invoice, oldest first, without their PDF bytes. */
    public List<Letter> forInvoice(String invoiceNumber) {
        return letters.forInvoice(invoiceNumber);
    }

    /**
     * What the log shows of a letter: where it is and its text as the customer reads it, taken from the PDF
     * itself, so that the log can be searched and read like the emails.
     */
    private static String summary(Letter letter) {
        try (PDDocument document = Loader.loadPDF(letter.pdf())) {
            int pages = document.getNumberOfPages();
            return "PDF letter " + letter.id() + ", " + pages + (pages == 1 ? " page, " : " pages, ") + letter.size()
                    + " bytes; stored for download, not posted.\n\n" + new PDFTextStripper().getText(document).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back letter " + letter.id(), e);
        }
    }
}
