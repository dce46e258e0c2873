package io.overdue.channels;

import io.overdue.support.ApplicationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Letters are stored once per idempotency key, byte for byte; run on each database we support. */
abstract class LetterStorageContract extends ApplicationTest {

    @Autowired LetterChannel letters;
    @Autowired Letters store;
    @Autowired CommunicationLog log;

    @Test
    void storingTwiceWithOneKeyStoresOneLetter() {
        String invoice = uniqueDigits();
        Letter first = letters.store(LetterChannelTest.firstReminder(invoice, Locale.forLanguageTag("nb")));
        Letter retry = letters.store(LetterChannelTest.firstReminder(invoice, Locale.forLanguageTag("nb")));

        assertThat(retry.id()).isEqualTo(first.id());
        assertThat(retry.pdf()).isEqualTo(first.pdf());
        assertThat(letters.forInvoice(invoice)).hasSize(1);
        assertThat(log.forInvoice(invoice)).hasSize(1);
        Letter stored = letters.find(invoice, first.id()).orElseThrow();
        assertThat(stored.pdf()).isEqualTo(first.pdf()).startsWith("%PDF-".getBytes());
        assertThat(stored.size()).isEqualTo(first.pdf().length);
    }

    @Test
    void simultaneousAttemptsStoreOneLetter() throws Exception {
        String invoice = uniqueDigits();
        CountDownLatch start = new CountDownLatch(1);
        Callable<Letter> attempt = () -> {
            start.await();
            return letters.store(LetterChannelTest.firstReminder(invoice, Locale.forLanguageTag("nb")));
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Letter>> results = List.of(threads.submit(attempt), threads.submit(attempt));
            start.countDown();
            List<Long> ids = new ArrayList<>();
            for (Future<Letter> result : results) {
                try {
                    ids.add(result.get().id());
                } catch (ExecutionException e) {
                    // The loser of the race is refused by the unique key; the engine retries it and finds the letter.
                    assertThat(e.getCause()).isInstanceOfAny(DataIntegrityViolationException.class, ConcurrencyFailureException.class);
                }
            }
            assertThat(ids).isNotEmpty().allMatch(id -> id.equals(ids.get(0)));
        } finally {
            threads.shutdown();
        }
        assertThat(letters.forInvoice(invoice)).hasSize(1);
        assertThat(log.forInvoice(invoice)).hasSize(1);
    }

    @Test
    void theColumnKeepsMegabytesByteForByte() {
        // Letters are tens of kilobytes; a few megabytes leaves room for logos and long statements of account.
        byte[] bytes = new byte[5 * 1024 * 1024];
        new Random(42).nextBytes(bytes);
        String invoice = uniqueDigits();
        Letter saved = store.insert(new Letter(0, unique("K"), invoice, "C1", "first-reminder",
                Instant.now().truncatedTo(ChronoUnit.MILLIS), bytes.length, bytes));

        Letter read = store.byId(saved.id()).orElseThrow();
        assertThat(read.pdf()).isEqualTo(bytes);
        assertThat(read.size()).isEqualTo(bytes.length);
    }
}
