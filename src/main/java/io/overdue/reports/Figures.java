package io.overdue.reports;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumMap;
import java.util.Map;

/** The reports' figures, as the read models compute them; docs/reports.md defines each. */
final class Figures {

    private Figures() {
    }

    /** Days past due at a day: not yet due (current), 1–30, 31–60, 61–90, over 90. */
    enum Bucket {
        CURRENT(0), DAYS_1_30(30), DAYS_31_60(60), DAYS_61_90(90), OVER_90(Integer.MAX_VALUE);

        /** The most days past due that still fall in this bucket. */
        final int upTo;

        Bucket(int upTo) {
            this.upTo = upTo;
        }

        /** The code in the CSV and the message key: {@code current}, {@code 1-30} … {@code 90+}. */
        String code() {
            return switch (this) {
                case CURRENT -> "current";
                case DAYS_1_30 -> "1-30";
                case DAYS_31_60 -> "31-60";
                case DAYS_61_90 -> "61-90";
                case OVER_90 -> "90+";
            };
        }
    }

    /** Invoices and what was open of them. */
    record Open(long invoices, BigDecimal amount) {
        static final Open NONE = new Open(0, BigDecimal.ZERO);

        Open plus(Open other) {
            return new Open(invoices + other.invoices, amount.add(other.amount));
        }
    }

    /** A currency's receivables at the end of a day, by age. */
    record Receivables(String currency, Map<Bucket, Open> byBucket) {
        Receivables {
            EnumMap<Bucket, Open> all = new EnumMap<>(Bucket.class);
            for (Bucket bucket : Bucket.values()) {
                all.put(bucket, byBucket.getOrDefault(bucket, Open.NONE));
            }
            byBucket = all;
        }

        Open total() {
            return byBucket.values().stream().reduce(Open.NONE, Open::plus);
        }

        Open current() {
            return byBucket.get(Bucket.CURRENT);
        }

        /** The bucket's share of the currency's amount, in percent; null when nothing is open. */
        BigDecimal share(Bucket bucket) {
            return percent(byBucket.get(bucket).amount(), total().amount());
        }
    }

    /**
     * Days sales outstanding by the countback method at a day.
     *
     * @param beyondHorizon the receivables were more than every month's sales the countback may walk through, so the
     *                      figure is a lower bound
     */
    record Dso(String currency, BigDecimal receivables, BigDecimal days, boolean beyondHorizon) {
    }

    /** Collection effectiveness index over a period; {@code percent} null when nothing was there to collect. */
    record Cei(String currency, BigDecimal opening, BigDecimal creditSales, BigDecimal closing,
               BigDecimal closingCurrent, BigDecimal percent) {
    }

    /** Promises to pay whose date fell in the period, by what became of them. */
    record Promises(long kept, long broken, long pending, long voided) {
        /** Kept of those checked (kept or broken), in percent; null when none was checked. */
        BigDecimal keptRate() {
            return percent(BigDecimal.valueOf(kept), BigDecimal.valueOf(kept + broken));
        }
    }

    /** Disputes raised and resolved in the period, open at its end, and how long resolving took (calendar days). */
    record Disputes(long raised, long resolved, long openAtEnd, BigDecimal averageDaysToResolve,
                    BigDecimal medianDaysToResolve) {
    }

    /**
     * What came in after the notices of one level or channel sent in the period.
     *
     * @param key       the level ({@code 1}, {@code 2} …) or the channel ({@code EMAIL} …)
     * @param followed  notices after which a payment came within the window
     * @param recovered what those payments came to
     */
    record Recovery(String currency, String key, long notices, long followed, BigDecimal recovered) {
        BigDecimal followedShare() {
            return percent(BigDecimal.valueOf(followed), BigDecimal.valueOf(notices));
        }

        Recovery plus(long moreNotices, long moreFollowed, BigDecimal moreRecovered) {
            return new Recovery(currency, key, notices + moreNotices, followed + moreFollowed, recovered.add(moreRecovered));
        }
    }

    /** Running cases waiting at one activity of the model; {@code onHold}: of them, suspended. */
    record OpenCases(String activityId, long cases, long onHold) {
    }

    /** Cases that started in the period ({@code started}), or ended in it with an outcome (the end event's id). */
    record CaseFlow(String movement, String outcome, long cases) {
    }

    /** part / whole in percent, to one decimal; null when the whole is zero. */
    static BigDecimal percent(BigDecimal part, BigDecimal whole) {
        return whole.signum() == 0 ? null : part.multiply(BigDecimal.valueOf(100)).divide(whole, 1, RoundingMode.HALF_UP);
    }
}
