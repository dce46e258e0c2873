package io.overdue.payments;

import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.Violations;
import org.springframework.stereotype.Component;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static javax.xml.stream.XMLStreamConstants.CDATA;
import static javax.xml.stream.XMLStreamConstants.CHARACTERS;
import static javax.xml.stream.XMLStreamConstants.DTD;
import static javax.xml.stream.XMLStreamConstants.END_DOCUMENT;
import static javax.xml.stream.XMLStreamConstants.END_ELEMENT;
import static javax.xml.stream.XMLStreamConstants.SPACE;
import static javax.xml.stream.XMLStreamConstants.START_ELEMENT;

/**
 * Reads a bank's camt.053 statement or camt.054 notification into the incoming payments it reports (docs/payments.md).
 * Streams through the file, so its memory grows with the payments taken, not with the file. Elements are matched by
 * their local names, which is what lets one parser read versions 02 to 08 and national variants such as STUZZA's.
 * A file is taken whole or refused whole: every fault found is named in one {@link InvalidInputException}.
 */
@Component
public class CamtParser {

    private static final Pattern MESSAGE_TYPE = Pattern.compile("camt\\.05[34]\\.\\d{3}\\.\\d{2}");
    /** ISO 20022 amounts: at most 18 digits, 5 of them decimals, never a sign (CdtDbtInd carries the direction). */
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,18}(\\.\\d{1,5})?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Where a transaction's amount may be, in the order they are tried (see the FX rule in docs/payments.md). */
    private static final List<String> AMOUNT_PATHS = List.of("Amt", "AmtDtls/TxAmt/Amt", "AmtDtls/InstdAmt/Amt",
            "AmtDtls/CntrValAmt/Amt");
    /** A hostile file could hold millions of faults; the first ones are enough to tell what is wrong. */
    private static final int MAX_FAULTS = 100;

    private final long maxBytes;

    public CamtParser(PaymentsProperties properties) {
        this.maxBytes = properties.maxFileSize().toBytes();
    }

    /**
     * Reads the whole file; does not close the stream.
     *
     * @throws InvalidInputException when the file is too large, not well-formed, not a camt.053/054 document, carries
     *                               a DTD, or a credit it would take has no readable amount, currency or booking date
     */
    public BankFile parse(InputStream in) {
        LimitedInputStream limited = new LimitedInputStream(in, maxBytes);
        XMLStreamReader reader = null;
        try {
            reader = factory().createXMLStreamReader(limited);
            return new Reading(reader).document();
        } catch (InvalidInputException e) {
            throw e;
        } catch (XMLStreamException | RuntimeException e) {
            if (limited.exceeded) {
                throw InvalidInputException.of("file", "is larger than the limit of " + maxBytes
                        + " bytes (overdue.payments.max-file-size)");
            }
            if (!(e instanceof XMLStreamException x)) {
                throw (RuntimeException) e;
            }
            if (x.getNestedException() instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw InvalidInputException.of("file", "is not well-formed XML" + where(x.getLocation()) + ": " + message(x));
        } finally {
            if (reader != null) {
                try {
                    reader.close();
                } catch (XMLStreamException ignored) {
                    // Closing frees the parser only; the caller owns and closes the stream.
                }
            }
        }
    }

    private static XMLInputFactory factory() {
        // The JDK's own parser rather than whichever StAX provider a dependency brings, so these settings are known to hold.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    private static String where(Location location) {
        return location == null || location.getLineNumber() < 0 ? ""
                : " (line " + location.getLineNumber() + ", column " + location.getColumnNumber() + ")";
    }

    private static String message(XMLStreamException e) {
        // The JDK's message repeats the location before the part that says what is wrong.
        String message = String.valueOf(e.getMessage());
        int at = message.indexOf("Message: ");
        return at < 0 ? message : message.substring(at + "Message: ".length());
    }

    /** A value quoted in a fault, cut short so a hostile file cannot blow up the answer. */
    private static String quote(String value) {
        return "'" + (value.length() > 40 ? value.substring(0, 40) + "…" : value) + "'";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private record Money(BigDecimal amount, String currency) {
    }

    private record RawAmount(String text, String currency) {
    }

    /** What is read of one {@code Ntry} before deciding whether it is taken. */
    private static final class Entry {
        String amount;
        String currency;
        String creditDebit;
        String reversal;
        String status;
        String bookingDate;
        String valueDate;
        String bankReference;
        String additionalInfo;
        final List<Transaction> transactions = new ArrayList<>();

        void leaf(String path, String text, String ccy) {
            switch (path) {
                case "Amt" -> {
                    amount = text;
                    currency = ccy;
                }
                case "CdtDbtInd" -> creditDebit = text;
                case "RvslInd" -> reversal = text;
                // Versions up to 07 write the status as text, 08 and later as a code inside it.
                case "Sts", "Sts/Cd", "Sts/Prtry" -> status = text;
                case "BookgDt/Dt", "BookgDt/DtTm" -> bookingDate = text;
                case "ValDt/Dt", "ValDt/DtTm" -> valueDate = text;
                case "AcctSvcrRef" -> bankReference = text;
                case "AddtlNtryInf" -> additionalInfo = text;
                default -> {
                }
            }
        }

        String describe() {
            return (amount == null ? "no amount" : amount + (currency == null ? "" : " " + currency))
                    + (bankReference == null ? "" : ", AcctSvcrRef " + bankReference);
        }
    }

    /** What is read of one {@code TxDtls}. */
    private static final class Transaction {
        String bankReference;
        String endToEndId;
        String creditDebit;
        String debtorName;
        String reference;
        final RawAmount[] amounts = new RawAmount[AMOUNT_PATHS.size()];
        final List<String> unstructured = new ArrayList<>(2);

        void leaf(String path, String text, String ccy) {
            switch (path) {
                case "Refs/AcctSvcrRef" -> bankReference = text;
                case "Refs/EndToEndId" -> endToEndId = "NOTPROVIDED".equals(text) ? null : text;
                case "CdtDbtInd" -> creditDebit = text;
                case "RltdPties/Dbtr/Nm", "RltdPties/Dbtr/Pty/Nm" -> debtorName = text;
                case "RmtInf/Ustrd" -> {
                    if (text != null) {
                        unstructured.add(text);
                    }
                }
                // A payment for several invoices may carry several references; the first is the one to match on.
                case "RmtInf/Strd/CdtrRefInf/Ref" -> {
                    if (reference == null && text != null) {
                        reference = blankToNull(WHITESPACE.matcher(text).replaceAll(""));
                    }
                }
                default -> {
                    int slot = AMOUNT_PATHS.indexOf(path);
                    if (slot >= 0) {
                        amounts[slot] = new RawAmount(text, ccy);
                    }
                }
            }
        }

        String freeText() {
            return unstructured.isEmpty() ? null : String.join(" ", unstructured);
        }
    }

    @FunctionalInterface
    private interface Enter {
        /** @return true when the element was read to its end tag here */
        boolean element(String path) throws XMLStreamException;
    }

    @FunctionalInterface
    private interface Leaf {
        void element(String path, String text, String ccy);
    }

    /** The state of one parse; a fresh one per file. */
    private static final class Reading {

        private final XMLStreamReader reader;
        private final StringBuilder text = new StringBuilder();
        private final Violations faults = new Violations();
        private int faultCount;
        private final List<StatementPayment> payments = new ArrayList<>();
        private final List<String> ignoredReasons = new ArrayList<>();
        private int ignoredEntries;
        private final Set<String> usedIds = new HashSet<>();
        private final Map<String, Map<String, String>> pathCache = new HashMap<>();
        private int entryCount;
        private int statementCount;
        private String messageId;
        private LocalDateTime createdAt;

        Reading(XMLStreamReader reader) {
            this.reader = reader;
        }

        BankFile document() throws XMLStreamException {
            String message = rootElement();
            if ("Document".equals(message)) {
                if (reader.nextTag() != START_ELEMENT) {
                    throw InvalidInputException.of("file", "is an empty Document");
                }
                message = reader.getLocalName();
            }
            String kind = switch (message) {
                case "BkToCstmrStmt" -> "camt.053";
                case "BkToCstmrDbtCdtNtfctn" -> "camt.054";
                default -> throw InvalidInputException.of("file", "is a " + quote(message) + " document, not a camt.053 "
                        + "statement (BkToCstmrStmt) or a camt.054 notification (BkToCstmrDbtCdtNtfctn)");
            };
            String messageType = messageType(kind, reader.getNamespaceURI());
            String statement = kind.equals("camt.053") ? "Stmt" : "Ntfctn";
            walk(path -> {
                if (!path.equals(statement)) {
                    return false;
                }
                statement();
                return true;
            }, (path, value, ccy) -> {
                switch (path) {
                    case "GrpHdr/MsgId" -> messageId = value;
                    case "GrpHdr/CreDtTm" -> createdAt = dateTime("GrpHdr.CreDtTm", value);
                    default -> {
                    }
                }
            });
            while (reader.hasNext()) {
                // Reads to the end, so a file cut off or followed by rubbish is refused rather than half taken.
                reader.next();
            }
            if (messageId == null) {
                fault("GrpHdr.MsgId", "is missing");
            }
            if (statementCount == 0) {
                fault("file", "has no " + statement + " element");
            }
            faults.throwIfAny();
            return new BankFile(messageType, messageId, createdAt, payments, ignoredEntries, ignoredReasons);
        }

        /** Moves to the first element, refusing any DTD: bank files have none, and a DTD is how XXE and entity bombs come in. */
        private String rootElement() throws XMLStreamException {
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == DTD) {
                    throw InvalidInputException.of("file", "has a document type declaration (DOCTYPE); bank files have "
                            + "none, and it is refused because it can reach for other files or expand without end");
                }
                if (event == START_ELEMENT) {
                    return reader.getLocalName();
                }
            }
            throw InvalidInputException.of("file", "has no XML element");
        }

        private static String messageType(String kind, String namespace) {
            Matcher matcher = MESSAGE_TYPE.matcher(namespace == null ? "" : namespace);
            if (!matcher.find()) {
                return kind;
            }
            if (!matcher.group().startsWith(kind)) {
                throw InvalidInputException.of("file", "its namespace names " + matcher.group() + " but it holds a " + kind
                        + " message");
            }
            return matcher.group();
        }

        private void statement() throws XMLStreamException {
            statementCount++;
            String[] accountCurrency = {null};
            walk(path -> {
                if (!path.equals("Ntry")) {
                    return false;
                }
                entry(accountCurrency[0]);
                return true;
            }, (path, value, ccy) -> {
                if (path.equals("Acct/Ccy")) {
                    accountCurrency[0] = value;
                }
            });
        }

        private void entry(String accountCurrency) throws XMLStreamException {
            int number = ++entryCount;
            Entry entry = new Entry();
            walk(path -> {
                if (!path.equals("NtryDtls/TxDtls")) {
                    return false;
                }
                Transaction transaction = new Transaction();
                walk(null, transaction::leaf);
                entry.transactions.add(transaction);
                return true;
            }, entry::leaf);
            take(entry, number, accountCurrency);
        }

        private void take(Entry entry, int number, String accountCurrency) {
            String where = "Ntry[" + number + "]";
            if ("true".equals(entry.reversal)) {
                ignore(where + ": reversal (RvslInd) of " + entry.describe() + ", not a payment");
                return;
            }
            if (!"CRDT".equals(entry.creditDebit) && !"DBIT".equals(entry.creditDebit)) {
                fault(where + ".CdtDbtInd", entry.creditDebit == null ? "is missing"
                        : quote(entry.creditDebit) + " must be CRDT or DBIT");
                return;
            }
            if (entry.creditDebit.equals("DBIT")) {
                ignore(where + ": debit of " + entry.describe());
                return;
            }
            if (entry.status == null) {
                fault(where + ".Sts", "is missing, so it cannot be told whether the credit is booked");
                return;
            }
            if (!entry.status.equals("BOOK")) {
                ignore(where + ": not booked (Sts " + entry.status + "), " + entry.describe());
                return;
            }
            Money entryAmount = money(where + ".Amt", entry.amount, entry.currency);
            LocalDate bookingDate = date(where + ".BookgDt", entry.bookingDate);
            if (entry.bookingDate == null) {
                fault(where + ".BookgDt", "is missing; a booked credit must say when it was booked");
            }
            LocalDate valueDate = date(where + ".ValDt", entry.valueDate);
            String bookedCurrency = accountCurrency != null ? accountCurrency
                    : entryAmount == null ? null : entryAmount.currency();
            boolean details = !entry.transactions.isEmpty();
            List<Transaction> transactions = details ? entry.transactions : List.of(new Transaction());
            for (int i = 0; i < transactions.size(); i++) {
                Transaction transaction = transactions.get(i);
                String txWhere = details ? where + ".TxDtls[" + (i + 1) + "]" : where;
                if ("DBIT".equals(transaction.creditDebit)) {
                    ignoredReasons.add(txWhere + ": debit inside a credit entry");
                    continue;
                }
                Money amount = amount(transaction, txWhere, entryAmount, transactions.size(), bookedCurrency);
                if (amount == null || faultCount > 0) {
                    // Once the file is refused, the payments are never returned; only faults are still worth collecting.
                    continue;
                }
                payments.add(new StatementPayment(paymentId(entry, transaction, bookingDate, number, i + 1),
                        amount.amount(), amount.currency(), bookingDate, valueDate, transaction.reference,
                        details ? transaction.freeText() : entry.additionalInfo, transaction.debtorName,
                        transaction.endToEndId, transaction.bankReference != null ? transaction.bankReference
                        : entry.bankReference));
            }
        }

        /**
         * The FX rule: the first of the transaction's amounts (Amt, TxAmt, InstdAmt, CntrValAmt) in the currency booked
         * on the account; else, for an entry of one transaction, the entry's amount, which is what was booked; else the
         * transaction's first amount in its own currency, which the import cannot match to an invoice by itself.
         */
        private Money amount(Transaction transaction, String where, Money entryAmount, int transactions,
                             String bookedCurrency) {
            Money first = null;
            for (int slot = 0; slot < AMOUNT_PATHS.size(); slot++) {
                RawAmount raw = transaction.amounts[slot];
                if (raw == null) {
                    continue;
                }
                Money money = money(where + "." + AMOUNT_PATHS.get(slot).replace('/', '.'), raw.text(), raw.currency());
                if (money == null) {
                    return null;
                }
                if (money.currency().equals(bookedCurrency)) {
                    return money;
                }
                if (first == null) {
                    first = money;
                }
            }
            if (transactions == 1 && entryAmount != null) {
                return entryAmount;
            }
            if (first == null && transactions > 1) {
                fault(where + ".Amt", "is missing: the entry holds " + transactions
                        + " transactions, so its own amount cannot be split among them");
            }
            return first;
        }

        /**
         * The id rule (docs/payments.md): the bank's reference of the transaction; else the entry's reference with the
         * booking day and the transaction's place in the entry; else the file's MsgId with the entry's and the
         * transaction's place in the file. A rule whose id is already taken in this file gives way to the next.
         */
        private String paymentId(Entry entry, Transaction transaction, LocalDate bookingDate, int entry1, int tx1) {
            if (transaction.bankReference != null && usedIds.add(transaction.bankReference)) {
                return transaction.bankReference;
            }
            if (entry.bankReference != null) {
                String id = entry.bankReference + "/" + bookingDate + "/" + tx1;
                if (usedIds.add(id)) {
                    return id;
                }
            }
            String base = messageId + "/" + entry1 + "/" + tx1;
            String id = base;
            for (int n = 2; !usedIds.add(id); n++) {
                id = base + "#" + n;
            }
            return id;
        }

        private Money money(String field, String amount, String currency) {
            boolean valid = true;
            if (amount == null) {
                fault(field, "is missing");
                valid = false;
            } else if (!AMOUNT.matcher(amount).matches()) {
                fault(field, quote(amount) + " is not an amount (digits, at most 5 decimals after a point, no sign)");
                valid = false;
            }
            if (currency == null) {
                fault(field + "@Ccy", "is missing");
                valid = false;
            } else if (!IsoCodes.isCurrency(currency)) {
                fault(field + "@Ccy", quote(currency) + " is not an ISO 4217 currency");
                valid = false;
            }
            return valid ? new Money(new BigDecimal(amount), currency) : null;
        }

        private LocalDate date(String field, String value) {
            if (value == null) {
                return null;
            }
            try {
                return value.indexOf('T') > 0 ? LocalDate.from(DateTimeFormatter.ISO_DATE_TIME.parse(value))
                        : LocalDate.from(DateTimeFormatter.ISO_DATE.parse(value));
            } catch (DateTimeException e) {
                fault(field, quote(value) + " is not an ISO date");
                return null;
            }
        }

        private LocalDateTime dateTime(String field, String value) {
            if (value == null) {
                return null;
            }
            try {
                return LocalDateTime.from(DateTimeFormatter.ISO_DATE_TIME.parse(value));
            } catch (DateTimeException e) {
                fault(field, quote(value) + " is not an ISO date and time");
                return null;
            }
        }

        private void ignore(String reason) {
            ignoredEntries++;
            ignoredReasons.add(reason);
        }

        private void fault(String field, String message) {
            faultCount++;
            if (faultCount <= MAX_FAULTS) {
                faults.add(field, message);
            } else if (faultCount == MAX_FAULTS + 1) {
                faults.add("file", "has more than " + MAX_FAULTS + " faults; only the first " + MAX_FAULTS + " are listed");
            }
        }

        /**
         * The same few dozen paths recur in every transaction; building each anew was most of the parse's time on
         * a 100,000-payment file.
         */
        private String path(String parent, String name) {
            return pathCache.computeIfAbsent(parent, k -> new HashMap<>()).computeIfAbsent(name, k -> parent + "/" + name);
        }

        /**
         * Walks the children of the element the reader is on, to its end tag. Paths are relative to that element
         * ({@code Refs/AcctSvcrRef}); {@code leaf} gets each element without child elements, with its text (null when
         * blank) and its {@code Ccy} attribute.
         */
        private void walk(Enter enter, Leaf leaf) throws XMLStreamException {
            Deque<String> paths = new ArrayDeque<>();
            Deque<String> currencies = new ArrayDeque<>();
            boolean open = false;
            while (true) {
                int event = reader.next();
                if (event == START_ELEMENT) {
                    String name = reader.getLocalName();
                    String path = paths.isEmpty() ? name : path(paths.peek(), name);
                    open = false;
                    if (enter != null && enter.element(path)) {
                        continue;
                    }
                    paths.push(path);
                    String ccy = reader.getAttributeValue(null, "Ccy");
                    currencies.push(ccy == null ? "" : ccy);
                    text.setLength(0);
                    open = true;
                } else if (event == CHARACTERS || event == CDATA || event == SPACE) {
                    if (open) {
                        text.append(reader.getText());
                    }
                } else if (event == END_ELEMENT) {
                    if (paths.isEmpty()) {
                        return;
                    }
                    String path = paths.pop();
                    String ccy = currencies.pop();
                    if (open) {
                        leaf.element(path, blankToNull(text.toString().strip()), ccy.isEmpty() ? null : ccy);
                    }
                    open = false;
                } else if (event == END_DOCUMENT) {
                    return;
                }
            }
        }
    }

    /** Stops the parser at the size limit, so an oversized upload is refused without being read to its end. */
    private static final class LimitedInputStream extends FilterInputStream {

        private final long limit;
        private long count;
        private boolean exceeded;

        LimitedInputStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("more than " + limit + " bytes");
            }
        }
    }
}
