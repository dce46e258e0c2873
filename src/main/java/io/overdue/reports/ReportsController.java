package io.overdue.reports;

import io.overdue.dunning.DunningProperties;
import io.overdue.identity.Groups;
import io.overdue.shared.Amounts;
import io.overdue.shared.InvalidInputException;
import io.overdue.shared.Violation;
import io.overdue.workbench.WorkbenchPage;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** The reports page and its tables as CSV files, for the period the request names. */
@Controller
@WorkbenchPage
class ReportsController {

    private final Reports reports;
    private final ReportsProperties properties;
    private final Clock clock;
    private final ZoneId zone;

    ReportsController(Reports reports, ReportsProperties properties, Clock clock, DunningProperties dunning) {
        this.reports = reports;
        this.properties = properties;
        this.clock = clock;
        this.zone = dunning.zone();
    }

    @GetMapping("/workbench/reports")
    String page(@RequestParam(required = false) String period, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Authentication authentication, Model model,
                HttpServletResponse response) {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        model.addAttribute("presets", ReportPeriod.Preset.values());
        model.addAttribute("today", today);
        model.addAttribute("asked", new Asked(period, from, to));
        model.addAttribute("recoveryDays", properties.recoveryDays());
        try {
            ReportPeriod chosen = ReportPeriod.of(period, from, to, today);
            boolean money = money(authentication);
            model.addAttribute("period", chosen);
            model.addAttribute("money", money);
            model.addAttribute("sections", reports.sections(chosen, money));
        } catch (ReportPeriod.InvalidPeriodException e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            model.addAttribute("problem", e);
        }
        return "reports/reports";
    }

    /** What the user asked for, to put back in the form (also when it was wrong). */
    record Asked(String period, String from, String to) {
    }

    /** One table as CSV: a header row of column names, then plain numbers (a point for decimals) and ISO dates. */
    @GetMapping("/workbench/reports/{table}.csv")
    ResponseEntity<byte[]> csv(@PathVariable String table, @RequestParam(required = false) String period,
                               @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                               Authentication authentication) throws IOException {
        ReportPeriod chosen;
        try {
            chosen = ReportPeriod.of(period, from, to, LocalDate.now(clock.withZone(zone)));
        } catch (ReportPeriod.InvalidPeriodException e) {
            throw new InvalidInputException(List.of(Violation.of(e.field(), e.detail())));
        }
        ReportTable report = reports.table(table, chosen, money(authentication));
        StringWriter csv = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.DEFAULT.builder()
                .setHeader(report.columns().stream().map(ReportTable.Column::key).toArray(String[]::new)).get())) {
            for (List<Object> row : report.rows()) {
                List<String> values = new ArrayList<>();
                for (int i = 0; i < row.size(); i++) {
                    values.add(plain(report.columns().get(i), row.get(i)));
                }
                printer.printRecord(values);
            }
        }
        String fileName = "overdue-" + table + "-" + chosen.from() + "-to-" + chosen.to() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(fileName).build().toString())
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A value as a program reads it: the code of a label, a plain decimal number, empty for none. */
    static String plain(ReportTable.Column column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal number) {
            return column.kind() == ReportTable.Kind.MONEY ? Amounts.forDisplay(number).toPlainString() : number.toPlainString();
        }
        String text = value.toString();
        return column.kind() == ReportTable.Kind.LABEL ? text.substring(text.indexOf('.') + 1) : text;
    }

    /** Amounts for everyone who may open the reports, or, when so configured, for managers and admins alone. */
    private boolean money(Authentication authentication) {
        return properties.moneyTotals() == ReportsProperties.MoneyTotals.EVERYONE
                || authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(group -> group.equals(Groups.MANAGERS) || group.equals(Groups.ADMINS));
    }
}
