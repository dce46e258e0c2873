package io.overdue.payments;

import io.overdue.shared.PaymentReferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The ten real bank files of src/test/resources/camt (sources in the shared test data's SOURCES.md), read as they are. */
class CamtParserTest {

    private final CamtParser parser = new CamtParser(new PaymentsProperties(null, null, null, null));

    static BankFile parse(CamtParser parser, String file) {
        try (InputStream in = CamtParserTest.class.getResourceAsStream("/camt/" + file)) {
            assertThat(in).as(file).isNotNull();
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BankFile parse(String file) {
        return parse(parser, file);
    }

    /** Payments: the TxDtls of booked credit entries, counted per file from SOURCES.md's description of each entry. */
    @ParameterizedTest
    @CsvSource({
            "nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml,             camt.053.001.02, 6,  1",
            "danske-dk-camt053-v02-fik-batch-fx.xml,                    camt.053.001.02, 5,  2",
            "postfinance-ch-camt053-v04-isr-reversals.xml,              camt.053.001.04, 24, 8",
            "postfinance-ch-camt054-v08-qrr-batch.xml,                  camt.054.001.08, 2,  0",
            "postfinance-ch-camt054-v04-batch8-unstructured-charges.xml, camt.054.001.04, 8,  0",
            "postfinance-ch-camt054-v04-directdebit-batch-reversal.xml, camt.054.001.04, 3,  2",
            "ubs-ch-camt053-v08-rf-scor-fx-debit.xml,                   camt.053.001.08, 2,  1",
            "vrbank-de-camt053-v02-sepa-debits-ustrd.xml,               camt.053.001.02, 1,  3",
            "stuzza-at-camt053-v02-scor-nonstandard-namespace.xml,      camt.053.001.02, 3,  0",
            "oca-abnamro-nl-camt053-v02-reversal-debits.xml,            camt.053.001.02, 1,  2"})
    void eachFileGivesItsBookedCreditTransactions(String file, String messageType, int payments, int ignored) {
        BankFile bankFile = parse(file);

        assertThat(bankFile.messageType()).isEqualTo(messageType);
        assertThat(bankFile.messageId()).isNotBlank();
        assertThat(bankFile.payments()).hasSize(payments);
        assertThat(bankFile.ignoredEntries()).isEqualTo(ignored);
        assertThat(bankFile.ignoredReasons()).hasSize(ignored);
        assertThat(bankFile.payments()).allSatisfy(p -> {
            assertThat(p.amount()).isPositive();
            assertThat(p.currency()).hasSize(3);
            assertThat(p.bookingDate()).isNotNull();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml", "danske-dk-camt053-v02-fik-batch-fx.xml",
            "postfinance-ch-camt053-v04-isr-reversals.xml", "postfinance-ch-camt054-v08-qrr-batch.xml",
            "postfinance-ch-camt054-v04-batch8-unstructured-charges.xml",
            "postfinance-ch-camt054-v04-directdebit-batch-reversal.xml", "ubs-ch-camt053-v08-rf-scor-fx-debit.xml",
            "vrbank-de-camt053-v02-sepa-debits-ustrd.xml", "stuzza-at-camt053-v02-scor-nonstandard-namespace.xml",
            "oca-abnamro-nl-camt053-v02-reversal-debits.xml"})
    void idsAreUniqueInAFileAndTheSameEachTimeItIsRead(String file) {
        List<String> first = ids(parse(file));
        List<String> second = ids(parse(file));

        assertThat(first).doesNotHaveDuplicates().doesNotContainNull().isEqualTo(second);
    }

    @Test
    void nordeaGivesDanishFikReferencesAnRfReferenceAndOnePaymentPerTransactionOfABatch() {
        BankFile file = parse("nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml");

        assertThat(file.messageId()).isEqualTo("XML99102020092503073121916759394803");
        assertThat(file.createdAt()).isEqualTo(LocalDateTime.of(2020, 9, 25, 3, 7, 31, 219_000_000));
        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount,
                        StatementPayment::structuredReference, StatementPayment::bankReference)
                .containsExactly(
                        tuple("6110273894", new BigDecimal("100.00"), null, "6110273894"),
                        tuple("2149202009236109891174", new BigDecimal("200.00"), "71/000000020211041", "2149202009236109891174"),
                        tuple("2110197550", new BigDecimal("300.00"), "RF12510007547061", "2110197550"),
                        tuple("2149202009244110197552", new BigDecimal("150.00"), "71/000000003097920", "2149202009244110197552"),
                        tuple("2149202009243110197551", new BigDecimal("250.00"), "71/123456789012347", "2149202009243110197551"),
                        tuple("8D39484700000021", new BigDecimal("28286.58"), null, "8D39484700000021"));
        assertThat(file.payments()).allSatisfy(p -> {
            assertThat(p.currency()).isEqualTo("DKK");
            assertThat(p.bookingDate()).isEqualTo(LocalDate.of(2020, 9, 24));
            assertThat(p.valueDate()).isEqualTo(LocalDate.of(2020, 9, 24));
            // Nordea writes the payer only as address lines, never as a name.
            assertThat(p.debtorName()).isNull();
        });
        StatementPayment withText = file.payments().get(0);
        assertThat(withText.freeText()).startsWith("REMITTANCE INFO LINE 01 REMITTANCE INFO LINE 02 ")
                .endsWith("REMITTANCE INFO LINE 10");
        assertThat(file.payments().get(2).endToEndId()).isEqualTo("DK_DOM_DK_to_DK-12_3");
        assertThat(PaymentReferences.isValidRf("RF12510007547061")).isTrue();
        // The FIK payment ids after "71/" carry a Luhn check digit, the KID's MOD10.
        assertThat(PaymentReferences.isValidKid(file.payments().get(1).structuredReference().substring(3))).isTrue();
        assertThat(file.ignoredReasons()).containsExactly("Ntry[5]: debit of 66962.50 DKK");
    }

    /** FX: EUR paid into a DKK account; the DKK booked, not the EUR the payer sent (the PrtryAmt), is the payment. */
    @Test
    void nordeaForeignPaymentIsTheAmountBookedInTheAccountCurrency() {
        StatementPayment foreign = parse("nordea-dk-camt053-v02-fik-ocr-rf-batch-fx.xml").payments().get(5);

        assertThat(foreign.amount()).isEqualByComparingTo("28286.58");
        assertThat(foreign.currency()).isEqualTo("DKK");
        assertThat(foreign.freeText()).isEqualTo(
                "0000089207 0051012399 0000089209 00 51012400 0000089213 0051012401 0000 089214 0051012402");
    }

    @Test
    void danskeWithoutTransactionReferencesGetsIdsFromItsEntriesAndIgnoresNotProvided() {
        BankFile file = parse("danske-dk-camt053-v02-fik-batch-fx.xml");

        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount,
                        StatementPayment::structuredReference, StatementPayment::debtorName)
                .containsExactly(
                        tuple("012X123456789012/2023-04-20/1", new BigDecimal("591.15"), null, "Debtor"),
                        tuple("FISAM.POST/2023-04-20/1", new BigDecimal("528.94"), "71/0000123456789012345", null),
                        tuple("FISAM.POST/2023-04-20/2", new BigDecimal("572.94"), "71/0000543210987654321", null),
                        tuple("1234569988/2023-04-20/1", new BigDecimal("150.86"), null, "Debtor"),
                        tuple("0000000000/2023-04-20/1", new BigDecimal("1320.00"), null, null));
        assertThat(file.payments()).extracting(StatementPayment::endToEndId).containsOnlyNulls();
        assertThat(file.payments()).extracting(StatementPayment::bankReference)
                .containsExactly("012X123456789012", "FISAM.POST", "FISAM.POST", "1234569988", "0000000000");
        assertThat(file.payments().get(3).freeText())
                .isEqualTo("Invoice number 11223344 Invoice number 11223345 Invoice number 11223346");
        // The outgoing EUR payment with its own CcyXchg is a debit, left out.
        assertThat(file.ignoredReasons()).containsExactly(
                "Ntry[4]: debit of 344278.01 DKK, AcctSvcrRef 1712345678",
                "Ntry[6]: debit of 2060.00 DKK, AcctSvcrRef 2112345678");
    }

    @Test
    void postFinanceStatementSplitsTheCollectiveIsrCreditAndLeavesOutReversalsAndDebits() {
        BankFile file = parse("postfinance-ch-camt053-v04-isr-reversals.xml");

        List<StatementPayment> isr = file.payments().subList(0, 10);
        assertThat(isr).extracting(StatementPayment::amount).map(BigDecimal::toPlainString)
                .containsExactly("100.00", "50.00", "200.00", "50.00", "100.00", "200.00", "50.00", "100.00", "50.00", "100.00");
        assertThat(isr.stream().map(StatementPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("1000.00");
        assertThat(isr).allSatisfy(p -> assertThat(p.structuredReference()).hasSize(27).containsOnlyDigits());
        assertThat(isr.get(0)).extracting(StatementPayment::paymentId, StatementPayment::structuredReference)
                .containsExactly("160527CH00T3L0GE", "000000000002015110002913192");
        assertThat(isr.get(1).debtorName()).isEqualTo("Rutschmann Pia");
        assertThat(isr.get(9).debtorName()).isEqualTo("UBS Switzerland AG");
        // The returns batch was booked on 6 April with value 23 March.
        StatementPayment returned = file.payments().get(18);
        assertThat(returned).extracting(StatementPayment::paymentId, StatementPayment::bookingDate, StatementPayment::valueDate,
                        StatementPayment::freeText)
                .containsExactly("160406CH00NKZCKG", LocalDate.of(2016, 4, 6), LocalDate.of(2016, 3, 23), "Mitteilung Return Muster");
        assertThat(file.payments()).extracting(StatementPayment::currency).containsOnly("CHF");
        assertThat(file.ignoredReasons()).filteredOn(r -> r.contains("debit of")).hasSize(6);
        assertThat(file.ignoredReasons()).filteredOn(r -> r.contains("reversal")).containsExactly(
                "Ntry[12]: reversal (RvslInd) of 6.00 CHF, AcctSvcrRef 20160410375244000000000000000082, not a payment",
                "Ntry[13]: reversal (RvslInd) of 15.53 CHF, AcctSvcrRef 20160410375244000000000000000072, not a payment");
    }

    @Test
    void postFinanceVersion08NotificationReadsStatusCodeAndDebtorParty() {
        BankFile file = parse("postfinance-ch-camt054-v08-qrr-batch.xml");

        assertThat(file.createdAt()).isEqualTo(LocalDateTime.of(2020, 6, 18, 23, 41, 7));
        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount,
                        StatementPayment::structuredReference, StatementPayment::debtorName, StatementPayment::endToEndId)
                .containsExactly(
                        tuple("2000000000000000", new BigDecimal("778.29"), "539115429773825311971477453", "Bernasconi Maria",
                                "1006265-aic5dL-75dzf3jk9-cf2d5e9"),
                        tuple("3000000000000000", new BigDecimal("913.93"), "662437765447746478179744715", "Bernasconi Maria", null));
        assertThat(file.payments()).extracting(StatementPayment::bookingDate).containsOnly(LocalDate.of(2020, 6, 18));
    }

    @Test
    void postFinanceRedSlipBatchHasNoReferencesOnlyMessages() {
        BankFile file = parse("postfinance-ch-camt054-v04-batch8-unstructured-charges.xml");

        assertThat(file.payments()).extracting(StatementPayment::structuredReference).containsOnlyNulls();
        assertThat(file.payments().stream().map(StatementPayment::amount).reduce(BigDecimal.ZERO, BigDecimal::add))
                .isEqualByComparingTo("620.00");
        assertThat(file.payments().get(2).freeText())
                .isEqualTo("MUSTER MITTEILUNG 1 MUSTER MITTEILUNG 2 MUSTER MITTEILUNG 3 MUSTER MITTEILUNG 4");
        assertThat(file.payments().get(3).freeText()).isNull();
    }

    @Test
    void postFinanceDirectDebitNotificationLeavesOutBothReversals() {
        BankFile file = parse("postfinance-ch-camt054-v04-directdebit-batch-reversal.xml");

        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount, StatementPayment::endToEndId)
                .containsExactly(
                        tuple("TST_201-2091644-9", new BigDecimal("15.00"), "EndToEnd-CRDBRActSame-1B9C-CHDDBB2"),
                        tuple("TST_201-2091644-8", new BigDecimal("9.00"), "EndToEnd-CRDBRActSame-1B9C-CHDDBB3"),
                        tuple("TST_201-13113-5", new BigDecimal("56.56"), "PMT-651727380907030005"));
        assertThat(file.ignoredReasons()).hasSize(2).allSatisfy(r -> assertThat(r).contains("reversal (RvslInd)"));
    }

    /** The same payments notified in a camt.054 and listed again in the day's camt.053 have the same ids. */
    @Test
    void aPaymentNotifiedAndThenStatedKeepsItsId() {
        List<String> statement = ids(parse("postfinance-ch-camt053-v04-isr-reversals.xml"));
        List<String> redSlips = ids(parse("postfinance-ch-camt054-v04-batch8-unstructured-charges.xml"));
        List<String> directDebits = ids(parse("postfinance-ch-camt054-v04-directdebit-batch-reversal.xml"));

        assertThat(statement).containsAll(redSlips).containsAll(directDebits);
        assertThat(redSlips).hasSize(8);
        assertThat(directDebits).hasSize(3);
    }

    @Test
    void ubsVersion08TakesTheRfAndTheMessageAndLeavesOutTheEuroDebit() {
        BankFile file = parse("ubs-ch-camt053-v08-rf-scor-fx-debit.xml");

        assertThat(file.createdAt()).isEqualTo(LocalDateTime.of(2023, 6, 20, 18, 43, 23));
        assertThat(file.payments()).extracting(StatementPayment::paymentId, StatementPayment::amount, StatementPayment::currency,
                        StatementPayment::structuredReference, StatementPayment::freeText, StatementPayment::debtorName)
                .containsExactly(
                        tuple("9999181ZC0283079", new BigDecimal("474.4"), "CHF", null, "INVOICE R77561", "Jon Doe"),
                        tuple("0123171DO5126811", new BigDecimal("88.85"), "CHF", "RF38000000000000000000552", null, "Finanz AG"));
        assertThat(PaymentReferences.isValidRf(file.payments().get(1).structuredReference())).isTrue();
        assertThat(file.ignoredReasons()).containsExactly("Ntry[3]: debit of 20.97 EUR, AcctSvcrRef 0124571DN6195349");
    }

    /** VR-Bank's one credit has TxDtls without any amount: the entry's amount, as its only transaction, is the payment. */
    @Test
    void vrBankCreditWithoutTransactionAmountTakesTheEntryAmount() {
        BankFile file = parse("vrbank-de-camt053-v02-sepa-debits-ustrd.xml");

        assertThat(file.payments()).singleElement().satisfies(p -> {
            assertThat(p.paymentId()).isEqualTo("2013122711085260000/2013-12-27/1");
            assertThat(p.amount()).isEqualByComparingTo("1.00");
            assertThat(p.currency()).isEqualTo("EUR");
            assertThat(p.debtorName()).isEqualTo("Testkonto Nummer 2");
            assertThat(p.freeText()).isEqualTo("R CKBUCHUNG");
        });
        assertThat(file.ignoredReasons()).allSatisfy(r -> assertThat(r).contains(": debit of "));
    }

    @Test
    void stuzzaNamespaceIsReadAsCamt053Version02() {
        BankFile file = parse("stuzza-at-camt053-v02-scor-nonstandard-namespace.xml");

        assertThat(file.payments()).extracting(StatementPayment::amount, StatementPayment::currency,
                        StatementPayment::structuredReference, StatementPayment::debtorName, StatementPayment::endToEndId)
                .containsExactly(
                        tuple(new BigDecimal("50.00"), "EUR", "201912341234", "Musterfrau Muster", "Text Muster"),
                        tuple(new BigDecimal("100.00"), "EUR", "201912341234", "Musterfrau Muster", "Test Muster"),
                        tuple(new BigDecimal("250.00"), "EUR", "2019456456", "Testzahlung Zwei", "2019456456"));
        assertThat(ids(file)).containsExactly("2013122710583450000/2019-03-01/1", "190602382152396/2019-03-01/1",
                "190602382098886/2019-03-01/1");
    }

    /** No AcctSvcrRef anywhere in the file: the id falls back to the file's MsgId and the entry's place in it. */
    @Test
    void abnAmroWithoutBankReferencesFallsBackToTheMessageId() {
        BankFile file = parse("oca-abnamro-nl-camt053-v02-reversal-debits.xml");

        assertThat(file.payments()).singleElement().satisfies(p -> {
            assertThat(p.paymentId()).isEqualTo("TESTBANK/NL/1420561226673/3/1");
            assertThat(p.amount()).isEqualByComparingTo("1405.31");
            assertThat(p.debtorName()).isEqualTo("3rd party Media");
            assertThat(p.endToEndId()).isEqualTo("115");
            assertThat(p.bankReference()).isNull();
        });
        assertThat(file.ignoredReasons()).containsExactly("Ntry[1]: debit of 754.25 EUR",
                "Ntry[2]: reversal (RvslInd) of 664.05 EUR, not a payment");
    }

    private static List<String> ids(BankFile file) {
        return file.payments().stream().map(StatementPayment::paymentId).toList();
    }
}
