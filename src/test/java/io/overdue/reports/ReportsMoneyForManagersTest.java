package io.overdue.reports;

import io.overdue.support.ApplicationTest;
import io.overdue.workbench.WorkbenchHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code overdue.reports.money-totals: managers}, a collector sees counts, days and shares, and no amount. */
@TestPropertySource(properties = "overdue.reports.money-totals=managers")
class ReportsMoneyForManagersTest extends ApplicationTest {

    @Autowired NamedParameterJdbcTemplate jdbc;
    @LocalServerPort int port;

    @BeforeEach
    void ledgerAndManager() {
        ReportLedger.write(jdbc);
        ReportsPageTest.member(identity, ReportsPageTest.MANAGER, "managers");
    }

    @Test
    void aCollectorSeesNoAmounts() throws Exception {
        WorkbenchHttp collector = new WorkbenchHttp(port);
        collector.login(COLLECTOR, PASSWORD);
        String page = collector.get("/workbench/reports?" + ReportsPageTest.MARCH).body();

        assertThat(page).contains("Amounts are shown to managers only", "Share of the amount open by days past due",
                "37.3%", "58.6", "31.3%").doesNotContain("8,050.00", "3,000.00", "Amount open</th>", "Paid within the window");
        assertThat(collector.get("/workbench/reports/aging.csv?" + ReportsPageTest.MARCH).body().lines())
                .contains("currency,bucket,invoices,share_percent", "ISK,1-30,1,37.3");
        assertThat(collector.get("/workbench/reports/cei.csv?" + ReportsPageTest.MARCH).body().lines())
                .containsExactly("currency,cei_percent", "ISK,31.3");
        assertThat(collector.get("/workbench/reports/recovery-by-level.csv?" + ReportsPageTest.MARCH).body())
                .doesNotContain("recovered", "715");
    }

    @Test
    void aManagerSeesThem() throws Exception {
        WorkbenchHttp manager = new WorkbenchHttp(port);
        manager.login(ReportsPageTest.MANAGER, PASSWORD);
        assertThat(manager.get("/workbench/reports?" + ReportsPageTest.MARCH).body()).contains("8,050.00")
                .doesNotContain("Amounts are shown to managers only");
        assertThat(manager.get("/workbench/reports/aging.csv?" + ReportsPageTest.MARCH).body().lines())
                .contains("ISK,1-30,1,3000.00,37.3");
    }
}
