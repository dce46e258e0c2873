package io.overdue.payments;

import io.overdue.shared.PaymentReferences;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.NoSuchElementException;

/**
 * camt.054 notifications as a Norwegian bank sends them for KID payments: one booked credit entry batching many
 * payments (each its own TxDtls), then a pending credit and a reversal the parser must leave out. The file is made
 * as it is read, so a 100,000-payment notification never sits in memory whole.
 */
final class Camt054Generator {

    static final String BATCH_REFERENCE = "GEN-BATCH-1";
    private static final String[] DEBTORS = {"Fjellheim Elektro AS", "Kari Nordmann", "Bølgen & Co AS"};

    private Camt054Generator() {
    }

    /** The i-th payment's KID (1-based): ten digits, MOD10. */
    static String kid(int i) {
        return PaymentReferences.kidMod10(String.format("%09d", 100_000_000 + i));
    }

    static BigDecimal amount(int i) {
        return BigDecimal.valueOf(10_000 + (i % 90_000) * 5L, 2);
    }

    static String debtor(int i) {
        return DEBTORS[i % DEBTORS.length];
    }

    /** A hand-written notification: {@code entries} on a NOK account, in the namespace of the given version. */
    static InputStream notification(String version, String messageId, String entries) {
        String xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001." + version + "\"><BkToCstmrDbtCdtNtfctn>"
                + "<GrpHdr><MsgId>" + messageId + "</MsgId></GrpHdr><Ntfctn><Acct><Ccy>NOK</Ccy></Acct>" + entries
                + "</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>";
        return new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8));
    }

    static String text(String version, int payments) {
        try (InputStream in = stream(version, payments)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param version "02" or "08": the status and debtor are written the way that version writes them */
    static InputStream stream(String version, int payments) {
        boolean v08 = version.equals("08");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 1; i <= payments; i++) {
            total = total.add(amount(i));
        }
        String head = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.%1$s">
                 <BkToCstmrDbtCdtNtfctn>
                  <GrpHdr><MsgId>GEN-%1$s-%2$d</MsgId><CreDtTm>2026-03-02T06:15:00+01:00</CreDtTm></GrpHdr>
                  <Ntfctn>
                   <Id>GEN-NTFCTN-1</Id>
                   <Acct><Id><IBAN>NO9386011117947</IBAN></Id><Ccy>NOK</Ccy></Acct>
                   <Ntry>
                    <NtryRef>1</NtryRef><Amt Ccy="NOK">%3$s</Amt><CdtDbtInd>CRDT</CdtDbtInd>%4$s
                    <BookgDt><Dt>2026-03-02</Dt></BookgDt><ValDt><Dt>2026-03-02</Dt></ValDt>
                    <AcctSvcrRef>%5$s</AcctSvcrRef>
                    <NtryDtls><Btch><NbOfTxs>%2$d</NbOfTxs></Btch>
                """.formatted(version, payments, total.toPlainString(), status(v08, "BOOK"), BATCH_REFERENCE);
        String tail = """
                    </NtryDtls>
                   </Ntry>
                   <Ntry>
                    <NtryRef>2</NtryRef><Amt Ccy="NOK">999.00</Amt><CdtDbtInd>CRDT</CdtDbtInd>%1$s
                    <ValDt><Dt>2026-03-03</Dt></ValDt><AcctSvcrRef>GEN-PENDING</AcctSvcrRef>
                   </Ntry>
                   <Ntry>
                    <NtryRef>3</NtryRef><Amt Ccy="NOK">%2$s</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd>%3$s
                    <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>GEN-REVERSAL</AcctSvcrRef>
                   </Ntry>
                  </Ntfctn>
                 </BkToCstmrDbtCdtNtfctn>
                </Document>
                """.formatted(status(v08, "PDNG"), amount(1).toPlainString(), status(v08, "BOOK"));
        Enumeration<InputStream> parts = new Enumeration<>() {
            private int next = 0;

            @Override
            public boolean hasMoreElements() {
                return next <= payments + 1;
            }

            @Override
            public InputStream nextElement() {
                if (!hasMoreElements()) {
                    throw new NoSuchElementException();
                }
                int i = next++;
                String part = i == 0 ? head : i == payments + 1 ? tail : transaction(v08, i);
                return new ByteArrayInputStream(part.getBytes(StandardCharsets.UTF_8));
            }
        };
        return new SequenceInputStream(parts);
    }

    private static String status(boolean v08, String code) {
        return v08 ? "<Sts><Cd>" + code + "</Cd></Sts>" : "<Sts>" + code + "</Sts>";
    }

    /** Every other KID is grouped in fours with spaces, as payers type them off a paper slip. */
    private static String transaction(boolean v08, int i) {
        String kid = kid(i);
        String reference = i % 2 == 0 ? kid.replaceAll("(\\d{4})(?=\\d)", "$1 ") : kid;
        String amount = "<Amt Ccy=\"NOK\">" + amount(i).toPlainString() + "</Amt>";
        String name = debtor(i).replace("&", "&amp;");
        return "     <TxDtls><Refs><AcctSvcrRef>GEN-TX-" + i + "</AcctSvcrRef><EndToEndId>E2E-" + i + "</EndToEndId></Refs>"
                + (v08 ? amount + "<CdtDbtInd>CRDT</CdtDbtInd>" : "<AmtDtls><TxAmt>" + amount + "</TxAmt></AmtDtls>")
                + "<RltdPties><Dbtr>" + (v08 ? "<Pty><Nm>" + name + "</Nm></Pty>" : "<Nm>" + name + "</Nm>") + "</Dbtr></RltdPties>"
                + "<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>" + reference
                + "</Ref></CdtrRefInf></Strd></RmtInf></TxDtls>\n";
    }
}
