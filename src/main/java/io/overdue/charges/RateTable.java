package io.overdue.charges;

import java.util.List;

/** Where the rows come from; the database in the application, a list in unit tests. */
interface RateTable {

    /** Every row of the country, any kind, in no particular order. */
    List<StatutoryRate> rowsOf(String country);
}
