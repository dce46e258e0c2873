package io.overdue.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.overdue.support.ApplicationTest;
import io.overdue.workbench.WorkbenchHttp;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports over real HTTP, logged in on the workbench: the page for a manager, its CSV files, a period that is
 * not one, the page in Norwegian, and who is let in. Amounts for everyone (the default).
 */
class ReportsPageTest extends ApplicationTest {

    static final String MANAGER = "managertest";
    static final String MARCH = "from=2021-03-01&to=2021-03-31";

    @Autowired NamedParameterJdbcTemplate jdbc;
    @LocalServerPort int port;

    @BeforeEach
    void ledgerAndManager() {
        ReportLedger.write(jdbc);
        member(identity, MANAGER, "managers");
    }

    /** A user of the group, with the tests' password. */
    static void member(IdentityService identity, String userId, String group) {
        if (identity.createUserQuery().userId(userId).count() == 0) {
            org.camunda.bpm.engine.identity.User user = identity.newUser(userId);
            user.setPassword(PASSWORD);
            identity.saveUser(user);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
            identity.createMembership(userId, group);
        }
    }

    @Test
    void aManagerReadsTheReportsOfAPeriod() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(MANAGER, PASSWORD);
        HttpResponse<String> page = browser.get("/workbench/reports?" + MARCH);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Reports</h1>", "From 1 Mar 2021 to 31 Mar 2021.",
                "aria-current=\"page\"", "Aging of receivables", "Not yet due", "8,050.00", "58.6", "31.3%", "66.7%",
                "Level 1", "Email", "Running cases", "<svg", "role=\"img\"",
                "href=\"/workbench/reports/aging.csv?period=custom&amp;from=2021-03-01&amp;to=2021-03-31\"")
                .doesNotContain("Amounts are shown to managers only");
        // One table row of the aging, as the page writes it.
        assertThat(page.body().replaceAll("\\s+", " "))
                .contains("<td>ISK</td> <td>1–30 days</td> <td class=\"num\">1</td> <td class=\"num\">3,000.00</td> <td class=\"num\">37.3%</td>");
    }

    @Test
    void everyTableDownloadsAsCsv() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(MANAGER, PASSWORD);
        HttpResponse<String> aging = browser.get("/workbench/reports/aging.csv?" + MARCH);

        assertThat(aging.statusCode()).isEqualTo(200);
        assertThat(aging.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(aging.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"overdue-aging-2021-03-01-to-2021-03-31.csv\"");
        assertThat(aging.body().lines().toList()).startsWith("currency,bucket,invoices,amount,share_percent")
                .contains("ISK,current,2,1900.00,23.6", "ISK,1-30,1,3000.00,37.3", "ISK,90+,1,900.00,11.2");

        assertThat(browser.get("/workbench/reports/dso.csv?" + MARCH).body().lines())
                .contains("currency,receivables,dso_days,countback", "ISK,8050.00,58.6,complete");
        assertThat(browser.get("/workbench/reports/recovery-by-channel.csv?" + MARCH).body().lines())
                .contains("ISK,SMS,2,2,100.0,715.00");
        assertThat(browser.get("/workbench/reports/disputes.csv?" + MARCH).body().lines())
                .containsExactly("raised,resolved,open_at_end,average_days_to_resolve,median_days_to_resolve", "4,3,3,6.0,7.0");
        for (String table : Reports.TABLES) {
            HttpResponse<String> csv = browser.get("/workbench/reports/" + table + ".csv?" + MARCH);
            assertThat(csv.statusCode()).as(table).isEqualTo(200);
            assertThat(csv.body().lines().findFirst()).as(table).isPresent();
        }
        assertThat(browser.get("/workbench/reports/salaries.csv?" + MARCH).statusCode()).isEqualTo(404);
    }

    @Test
    void aPeriodThatIsNotOneIsExplainedNamingTheField() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.login(MANAGER, PASSWORD);

        HttpResponse<String> page = browser.get("/workbench/reports?from=2021-13-01&to=2021-03-31");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("From: “2021-13-01” is not a date. Write it as yyyy-mm-dd")
                .contains("value=\"2021-13-01\"").doesNotContain("<table");
        assertThat(browser.get("/workbench/reports?from=2021-03-31&to=2021-03-01").body())
                .contains("To: 2021-03-01 is before the first day of the period.");
        assertThat(browser.get("/workbench/reports?period=fortnight").body())
                .contains("Period: “fortnight” is not a period we know.");

        HttpResponse<String> csv = browser.get("/workbench/reports/aging.csv?from=2021-03-01&to=soon");
        assertThat(csv.statusCode()).isEqualTo(400);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = new ObjectMapper().readTree(csv.body());
        assertThat(problem.toString()).contains("\"field\":\"to\"", "is not a date");
    }

    @Test
    void theReportsSpeakNorwegian() throws Exception {
        WorkbenchHttp browser = new WorkbenchHttp(port);
        browser.language = "nb-NO";
        browser.login(MANAGER, PASSWORD);
        String page = browser.get("/workbench/reports?" + MARCH).body();

        assertThat(page).contains("Rapporter", "Aldersfordeling av kundefordringer", "Ikke forfalt", "Fra 1. mar. 2021",
                "31,3 %", "58,6");
        assertThat(page.replace('\u00a0', ' ')).contains("8 050,00");
    }

    @Test
    void collectorsMayReadTheReportsAndOthersMayNot() throws Exception {
        WorkbenchHttp collector = new WorkbenchHttp(port);
        collector.login(COLLECTOR, PASSWORD);
        assertThat(collector.get("/workbench/reports?" + MARCH).body()).contains("8,050.00");

        WorkbenchHttp erp = new WorkbenchHttp(port);
        erp.login(ERP, PASSWORD);
        assertThat(erp.get("/workbench/reports").statusCode()).isEqualTo(403);
        assertThat(erp.get("/workbench/reports/aging.csv").statusCode()).isEqualTo(403);

        assertThat(new WorkbenchHttp(port).get("/workbench/reports").statusCode()).isEqualTo(302);
    }
}
