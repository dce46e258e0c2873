package io.overdue.payments;

import com.sun.net.httpserver.HttpServer;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Files refused whole, each with every fault named: hostile XML, broken XML, files that are not bank files, bad credits. */
class CamtParserRefusalTest {

    private static final String NAMESPACE_054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.02";

    private final CamtParser parser = new CamtParser(new PaymentsProperties(null, null, null, null));

    @Test
    void anExternalEntityIsRefusedAndTheFileItNamesIsNotRead(@TempDir Path folder) throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "TOP-SECRET-7781");
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE Document [<!ENTITY xxe SYSTEM "%s">]>
                <Document xmlns="%s"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&xxe;</MsgId></GrpHdr>
                <Ntfctn/></BkToCstmrDbtCdtNtfctn></Document>
                """.formatted(secret.toUri(), NAMESPACE_054);

        InvalidInputException refused = refuse(xml);

        assertThat(refused.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("file");
            assertThat(v.message()).contains("DOCTYPE").doesNotContain("TOP-SECRET");
        });
    }

    @Test
    void billionLaughsIsRefusedBeforeAnyEntityIsExpanded() {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            String previous = "&lol" + (i - 1) + ";";
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE Document [" + dtd + "]><Document xmlns=\"" + NAMESPACE_054
                + "\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>&lol9;</MsgId></GrpHdr><Ntfctn/></BkToCstmrDbtCdtNtfctn></Document>";

        assertThat(refuse(xml).violations()).extracting(Violation::field, v -> v.message().contains("DOCTYPE"))
                .containsExactly(tuple("file", true));
    }

    @Test
    void anExternalDtdIsRefusedWithoutBeingFetched() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY x \"y\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String xml = "<?xml version=\"1.0\"?><!DOCTYPE Document SYSTEM \"http://127.0.0.1:" + server.getAddress().getPort()
                    + "/camt.dtd\"><Document xmlns=\"" + NAMESPACE_054 + "\"><BkToCstmrDbtCdtNtfctn><GrpHdr><MsgId>M</MsgId>"
                    + "</GrpHdr><Ntfctn/></BkToCstmrDbtCdtNtfctn></Document>";

            assertThat(refuse(xml).violations()).extracting(Violation::field).containsExactly("file");
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aTruncatedFileIsRefusedWithWhereItBroke() throws IOException {
        byte[] whole;
        try (InputStream in = getClass().getResourceAsStream("/camt/nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml")) {
            whole = in.readAllBytes();
        }
        byte[] half = Arrays.copyOf(whole, whole.length / 2);

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(new ByteArrayInputStream(half)));

        assertThat(refused.violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("file");
            assertThat(v.message()).startsWith("is not well-formed XML (line ").doesNotContain("ParseError");
        });
    }

    @Test
    void anEmptyFileOrTextIsNotXml() {
        assertThat(refuse("").violations()).extracting(Violation::field).containsExactly("file");
        assertThat(refuse("Amount;KID\n100;12345678903\n").violations().get(0).message()).startsWith("is not well-formed XML");
    }

    @Test
    void aDocumentThatIsNotAStatementOrNotificationIsRefused() {
        String payment = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.03\"><CstmrCdtTrfInitn>"
                + "<GrpHdr><MsgId>P1</MsgId></GrpHdr></CstmrCdtTrfInitn></Document>";
        String report = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.052.001.02\"><BkToCstmrAcctRpt/></Document>";

        assertThat(refuse(payment).violations()).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("file");
            assertThat(v.message()).contains("'CstmrCdtTrfInitn'", "camt.053", "camt.054");
        });
        assertThat(refuse(report).violations().get(0).message()).contains("'BkToCstmrAcctRpt'");
        assertThat(refuse("<invoice><amount>10</amount></invoice>").violations().get(0).message()).contains("'invoice'");
    }

    @Test
    void aNamespaceThatContradictsTheMessageIsRefused() {
        String xml = "<Document xmlns=\"" + NAMESPACE_054 + "\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>"
                + "<Stmt/></BkToCstmrStmt></Document>";

        assertThat(refuse(xml).violations()).extracting(Violation::field, Violation::message)
                .containsExactly(tuple("file", "its namespace names camt.054.001.02 but it holds a camt.053 message"));
    }

    @Test
    void everyCreditWithoutAUsableAmountOrCurrencyIsNamed() {
        InvalidInputException refused = refuseEntries("""
                <Ntry><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
                <Ntry><Amt Ccy="NOK">1 250,50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
                <Ntry><Amt Ccy="KR">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>
                <Ntry><Amt Ccy="NOK">300.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>
                 <NtryDtls><TxDtls><AmtDtls><TxAmt><Amt Ccy="NOK">100.00</Amt></TxAmt></AmtDtls></TxDtls><TxDtls/></NtryDtls></Ntry>
                <Ntry><Amt Ccy="NOK">-5.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts></Ntry>
                <Ntry><Amt Ccy="NOK">5.00</Amt><CdtDbtInd>C</CdtDbtInd><Sts>BOOK</Sts></Ntry>
                <Ntry><Amt Ccy="NOK">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>02.03.2026</Dt></BookgDt></Ntry>
                <Ntry><Amt Ccy="NOK">5.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></Ntry>
                """);

        // The debit (Ntry[5]) is left out, so its odd amount is no fault.
        assertThat(refused.violations()).extracting(Violation::field, Violation::message).containsExactly(
                tuple("Ntry[1].Amt", "is missing"),
                tuple("Ntry[1].Amt@Ccy", "is missing"),
                tuple("Ntry[2].Amt", "'1 250,50' is not an amount (digits, at most 5 decimals after a point, no sign)"),
                tuple("Ntry[3].Amt@Ccy", "'KR' is not an ISO 4217 currency"),
                tuple("Ntry[4].TxDtls[2].Amt", "is missing: the entry holds 2 transactions, so its own amount cannot be split among them"),
                tuple("Ntry[6].CdtDbtInd", "'C' must be CRDT or DBIT"),
                tuple("Ntry[7].BookgDt", "'02.03.2026' is not an ISO date"),
                tuple("Ntry[8].Sts", "is missing, so it cannot be told whether the credit is booked"));
    }

    @Test
    void aFileWithoutMessageIdIsRefused() {
        String xml = "<Document xmlns=\"" + NAMESPACE_054 + "\"><BkToCstmrDbtCdtNtfctn><GrpHdr/><Ntfctn/>"
                + "</BkToCstmrDbtCdtNtfctn></Document>";

        assertThat(refuse(xml).violations()).extracting(Violation::field).containsExactly("GrpHdr.MsgId");
    }

    @Test
    void aFileAboveTheSizeLimitIsRefusedWithoutReadingItAll() {
        CamtParser small = new CamtParser(new PaymentsProperties(DataSize.ofKilobytes(64), null, null, null));
        CountingStream in = new CountingStream(Camt054Generator.stream("02", 10_000));

        InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> small.parse(in));

        assertThat(refused.violations()).extracting(Violation::field, Violation::message).containsExactly(
                tuple("file", "is larger than the limit of 65536 bytes (overdue.payments.max-file-size)"));
        assertThat(in.read).isLessThan(1_000_000);
        assertThat(new PaymentsProperties(null, null, null, null).maxFileSize()).isEqualTo(DataSize.ofMegabytes(50));
    }

    @Test
    void aHostileFileFullOfFaultsIsToldOnlyTheFirstHundred() {
        String bad = "<Ntry><Amt Ccy=\"NOK\">x</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt></Ntry>";

        List<Violation> violations = refuseEntries(bad.repeat(500)).violations();

        assertThat(violations).hasSize(101);
        assertThat(violations.get(100).message()).isEqualTo("has more than 100 faults; only the first 100 are listed");
    }

    private InvalidInputException refuse(String xml) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }

    private InvalidInputException refuseEntries(String entries) {
        return catchThrowableOfType(InvalidInputException.class,
                () -> parser.parse(Camt054Generator.notification("02", "BAD-1", entries)));
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
