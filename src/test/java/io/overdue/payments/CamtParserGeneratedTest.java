package io.overdue.payments;

import io.overdue.shared.PaymentReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.util.unit.DataSize;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Notifications as Norwegian banks send them for KID payments, made by {@link Camt054Generator}. */
class CamtParserGeneratedTest {

    private final CamtParser parser = new CamtParser(new PaymentsProperties(null, null, null, null));

    @ParameterizedTest
    @ValueSource(strings = {"02", "08"})
    void eachKidPaymentOfABatchedEntryIsItsOwnPayment(String version) {
        BankFile file = parser.parse(Camt054Generator.stream(version, 250));

        assertThat(file.messageType()).isEqualTo("camt.054.001." + version);
        assertThat(file.messageId()).isEqualTo("GEN-" + version + "-250");
        assertThat(file.createdAt()).isEqualTo(LocalDateTime.of(2026, 3, 2, 6, 15));
        assertThat(file.payments()).hasSize(250);
        for (int i = 1; i <= 250; i++) {
            StatementPayment payment = file.payments().get(i - 1);
            assertThat(payment.paymentId()).isEqualTo("GEN-TX-" + i);
            assertThat(payment.amount()).isEqualTo(Camt054Generator.amount(i));
            assertThat(payment.currency()).isEqualTo("NOK");
            // Every other KID is written with spaces in the file.
            assertThat(payment.structuredReference()).isEqualTo(Camt054Generator.kid(i));
            assertThat(payment.debtorName()).isEqualTo(Camt054Generator.debtor(i));
            assertThat(payment.endToEndId()).isEqualTo("E2E-" + i);
            assertThat(payment.bookingDate()).isEqualTo(LocalDate.of(2026, 3, 2));
        }
        assertThat(file.payments()).allSatisfy(p -> assertThat(PaymentReferences.isValidKid(p.structuredReference())).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"02", "08"})
    void thePendingCreditAndTheReversalAreLeftOutAndExplained(String version) {
        BankFile file = parser.parse(Camt054Generator.stream(version, 3));

        assertThat(file.payments()).hasSize(3);
        assertThat(file.ignoredEntries()).isEqualTo(2);
        assertThat(file.ignoredReasons()).containsExactly(
                "Ntry[2]: not booked (Sts PDNG), 999.00 NOK, AcctSvcrRef GEN-PENDING",
                "Ntry[3]: reversal (RvslInd) of 100.05 NOK, AcctSvcrRef GEN-REVERSAL, not a payment");
    }

    /** Streamed as it is made: the generated file (about 40 MB) is never held whole, and must fit the size limit. */
    @Test
    void aHundredThousandPaymentNotificationIsReadWhole() {
        CamtParser large = new CamtParser(new PaymentsProperties(DataSize.ofMegabytes(100), null, null, null));

        BankFile file = large.parse(Camt054Generator.stream("08", 100_000));

        assertThat(file.payments()).hasSize(100_000);
        assertThat(file.payments().get(99_999).structuredReference()).isEqualTo(Camt054Generator.kid(100_000));
        Set<String> ids = new HashSet<>();
        file.payments().forEach(p -> ids.add(p.paymentId()));
        assertThat(ids).hasSize(100_000);
    }

    /**
     * The FX rule on a NOK account: a transaction's amount in NOK wins wherever it is given; a lone transaction takes
     * the entry's NOK; in a batch, a transaction with only a foreign amount keeps that amount and its currency.
     */
    @Test
    void foreignCurrencyPaymentsTakeTheAmountBookedInTheAccountCurrencyWhenKnown() {
        String entries = """
                  <Ntry><Amt Ccy="NOK">1143.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                   <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>FX-E1</AcctSvcrRef>
                   <NtryDtls><TxDtls><Refs><AcctSvcrRef>FX-T1</AcctSvcrRef></Refs>
                    <Amt Ccy="EUR">100.00</Amt>
                    <AmtDtls><InstdAmt><Amt Ccy="EUR">100.00</Amt></InstdAmt>
                     <CntrValAmt><Amt Ccy="NOK">1143.00</Amt><CcyXchg><SrcCcy>EUR</SrcCcy><TrgtCcy>NOK</TrgtCcy><XchgRate>11.43</XchgRate></CcyXchg></CntrValAmt>
                    </AmtDtls></TxDtls></NtryDtls></Ntry>
                  <Ntry><Amt Ccy="NOK">571.50</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                   <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>FX-E2</AcctSvcrRef>
                   <NtryDtls><TxDtls><AmtDtls><InstdAmt><Amt Ccy="EUR">50.00</Amt></InstdAmt>
                    <TxAmt><Amt Ccy="EUR">50.00</Amt><CcyXchg><SrcCcy>EUR</SrcCcy><TrgtCcy>NOK</TrgtCcy><XchgRate>11.43</XchgRate></CcyXchg></TxAmt>
                    </AmtDtls></TxDtls></NtryDtls></Ntry>
                  <Ntry><Amt Ccy="NOK">1643.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>
                   <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>FX-E3</AcctSvcrRef>
                   <NtryDtls>
                    <TxDtls><AmtDtls><TxAmt><Amt Ccy="NOK">500.00</Amt></TxAmt></AmtDtls></TxDtls>
                    <TxDtls><AmtDtls><InstdAmt><Amt Ccy="EUR">100.00</Amt></InstdAmt>
                     <TxAmt><Amt Ccy="NOK">1143.00</Amt><CcyXchg><SrcCcy>EUR</SrcCcy><TrgtCcy>NOK</TrgtCcy><XchgRate>11.43</XchgRate></CcyXchg></TxAmt>
                    </AmtDtls></TxDtls>
                    <TxDtls><AmtDtls><InstdAmt><Amt Ccy="SEK">90.00</Amt></InstdAmt></AmtDtls></TxDtls>
                   </NtryDtls></Ntry>
                """;

        BankFile file = parser.parse(Camt054Generator.notification("08", "FX-1", entries));

        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount, StatementPayment::currency)
                .containsExactly(
                        tuple("FX-T1", new BigDecimal("1143.00"), "NOK"),
                        tuple("FX-E2/2026-03-02/1", new BigDecimal("571.50"), "NOK"),
                        tuple("FX-E3/2026-03-02/1", new BigDecimal("500.00"), "NOK"),
                        tuple("FX-E3/2026-03-02/2", new BigDecimal("1143.00"), "NOK"),
                        tuple("FX-E3/2026-03-02/3", new BigDecimal("90.00"), "SEK"));
    }

    /** A charge or return listed as a debit among the transactions of a credit is no payment. */
    @Test
    void aDebitTransactionInsideACreditEntryIsLeftOut() {
        String entries = """
                  <Ntry><Amt Ccy="NOK">90.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2026-03-02</Dt></BookgDt>
                   <NtryDtls>
                    <TxDtls><Refs><AcctSvcrRef>IN-1</AcctSvcrRef></Refs><Amt Ccy="NOK">100.00</Amt><CdtDbtInd>CRDT</CdtDbtInd></TxDtls>
                    <TxDtls><Refs><AcctSvcrRef>FEE-1</AcctSvcrRef></Refs><Amt Ccy="NOK">10.00</Amt><CdtDbtInd>DBIT</CdtDbtInd></TxDtls>
                   </NtryDtls></Ntry>
                """;

        BankFile file = parser.parse(Camt054Generator.notification("04", "MIX-1", entries));

        assertThat(file.payments()).extracting(StatementPayment::paymentId).containsExactly("IN-1");
        assertThat(file.ignoredEntries()).isZero();
        assertThat(file.ignoredReasons()).containsExactly("Ntry[1].TxDtls[2]: debit inside a credit entry");
    }

    /** A bank that repeats an entry reference within a file still gets distinct ids, falling back to the MsgId. */
    @Test
    void idsStayUniqueWhenTheBankRepeatsAReference() {
        String entry = """
                  <Ntry><Amt Ccy="NOK">10.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts>
                   <BookgDt><Dt>2026-03-02</Dt></BookgDt><AcctSvcrRef>SAME</AcctSvcrRef>
                   <NtryDtls><TxDtls><Refs><AcctSvcrRef>TX</AcctSvcrRef></Refs></TxDtls></NtryDtls></Ntry>
                """;
        String xml = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.02\"><BkToCstmrStmt>"
                + "<GrpHdr><MsgId>DUP-1</MsgId></GrpHdr><Stmt>" + entry.repeat(3) + "</Stmt></BkToCstmrStmt></Document>";

        BankFile file = parser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        List<String> ids = file.payments().stream().map(StatementPayment::paymentId).toList();
        assertThat(ids).containsExactly("TX", "SAME/2026-03-02/1", "DUP-1/3/1");
    }
}
