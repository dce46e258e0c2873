package io.overdue.workbench;

import io.overdue.disputes.Dispute;
import io.overdue.disputes.Disputes;
import io.overdue.dunning.CaseActions;
import io.overdue.identity.Groups;
import io.overdue.promises.Promise;
import io.overdue.promises.PromiseStatus;
import io.overdue.promises.Promises;
import io.overdue.support.ApplicationTest;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work queue's order and filters on known cases: real customers and invoices through the API, real call tasks of
 * their cases, a promise broken and a dispute raised through the services that record them. The database is shared
 * with other tests, so each test looks at its own tasks within the whole queue.
 */
class WorkQueueTest extends ApplicationTest {

    @Autowired WorkQueue queue;
    @Autowired CaseActions cases;
    @Autowired Promises promises;
    @Autowired Disputes disputes;
    @Autowired TaskService tasks;

    static final WorkQueue.Viewer COLLECTOR_VIEW = new WorkQueue.Viewer(COLLECTOR, List.of(Groups.COLLECTORS));
    final LocalDate today = LocalDate.now(ZoneId.of("Europe/Oslo"));

    String large;      // 5,000 NOK, 10 days overdue: 50,000
    String old;        // 1,000 NOK, 40 days overdue: 40,000
    String disputed;   // 300 NOK, 20 days overdue, open dispute
    String broken;     // 100 NOK, 5 days overdue, broken promise

    @BeforeEach
    void fourCallTasks() {
        large = debt("NO", today.minusDays(10), "5000");
        old = debt("NO", today.minusDays(40), "1000");
        disputed = debt("SE", today.minusDays(20), "300");
        broken = debt("NO", today.minusDays(5), "100");
        for (String invoice : List.of(large, old, disputed, broken)) {
            assertThat(cases.callNow(invoice)).isTrue();
        }
        Promise promise = promises.record(new Promises.NewPromise(broken, unique("P"), null, today.minusDays(1), null,
                "Pays tomorrow", Promise.Source.CALL));
        assertThat(promises.check(promise.id()).status()).isEqualTo(PromiseStatus.BROKEN);
        disputes.record(new Disputes.NewDispute(disputed, unique("D"), null, null, "Never ordered this",
                Dispute.Source.CALL, false));
    }

    @Test
    void brokenPromisesComeFirstThenDisputesThenAmountTimesDaysOverdue() {
        List<WorkItem> mine = ours(WorkQueue.Filter.NONE);

        assertThat(mine).extracting(WorkItem::invoiceNumber).containsExactly(broken, disputed, large, old);
        Map<String, WorkItem> byInvoice = mine.stream().collect(Collectors.toMap(WorkItem::invoiceNumber, Function.identity()));
        // Hand-computed: open balance × days overdue (NOK counts 1).
        assertThat(byInvoice.get(large).score()).isEqualByComparingTo("50000");
        assertThat(byInvoice.get(old).score()).isEqualByComparingTo("40000");
        assertThat(byInvoice.get(disputed).score()).isEqualByComparingTo("6000");
        assertThat(byInvoice.get(broken).score()).isEqualByComparingTo("500");
        assertThat(byInvoice.get(old).daysOverdue()).isEqualTo(40);
        assertThat(byInvoice.get(broken).brokenPromise()).isTrue();
        assertThat(byInvoice.get(broken).disputed()).isFalse();
        assertThat(byInvoice.get(disputed).disputed()).isTrue();
        assertThat(byInvoice.get(disputed).country()).isEqualTo("SE");
        assertThat(byInvoice.get(large).taskType()).isEqualTo("CallCustomer");
        assertThat(byInvoice.get(large).openBalance()).isEqualByComparingTo("5000");
        assertThat(byInvoice.get(large).dunningLevel()).isNull(); // no notice yet: called before the first level
    }

    @Test
    void withoutPrioritiesTheAmountTimesDaysAloneDecides() {
        WorkQueue plain = new WorkQueue(jdbc, new WorkbenchProperties(500, List.of(), Map.of("SEK", new BigDecimal("1000"))),
                java.time.Clock.systemUTC(), dunning);
        List<String> order = new ArrayList<>();
        for (WorkItem item : plain.find(COLLECTOR_VIEW, WorkQueue.Filter.NONE, 0).items()) {
            if (item.invoiceNumber() != null && List.of(large, old, disputed, broken).contains(item.invoiceNumber())) {
                order.add(item.invoiceNumber());
            }
        }
        // SEK weighs 1000 here: the Swedish 300 × 20 days counts 6,000,000.
        assertThat(order).containsExactly(disputed, large, old, broken);
    }

    @Test
    void filtersNarrowTheQueue() {
        assertThat(ours(new WorkQueue.Filter(null, "SE", null, null))).extracting(WorkItem::invoiceNumber).containsExactly(disputed);
        assertThat(ours(new WorkQueue.Filter("CallCustomer", "NO", null, null))).extracting(WorkItem::invoiceNumber)
                .containsExactly(broken, large, old);
        assertThat(ours(new WorkQueue.Filter("ResolveDispute", null, null, null))).isEmpty();
        assertThat(ours(new WorkQueue.Filter(null, null, 3, null))).isEmpty();
        // Level 0: no notice yet, as for all four.
        assertThat(ours(new WorkQueue.Filter(null, null, 0, null))).hasSize(4);

        String task = tasks.createTaskQuery().processInstanceBusinessKey(old).singleResult().getId();
        tasks.claim(task, COLLECTOR);
        assertThat(ours(new WorkQueue.Filter(null, null, null, "me"))).extracting(WorkItem::invoiceNumber).containsExactly(old);
        assertThat(ours(new WorkQueue.Filter(null, null, null, COLLECTOR))).extracting(WorkItem::invoiceNumber).containsExactly(old);
        assertThat(ours(new WorkQueue.Filter(null, null, null, "none"))).extracting(WorkItem::invoiceNumber)
                .containsExactly(broken, disputed, large);
    }

    @Test
    void theCountryFilterOffersTheCustomersCountries() {
        queue.forgetCountries();
        List<String> before = queue.countries();
        assertThat(before).contains("NO", "SE").isSorted();
        // A country no customer has yet (PostgreSQL keeps earlier runs' customers).
        String newcomer = java.util.Arrays.stream(java.util.Locale.getISOCountries()).filter(c -> !before.contains(c))
                .findFirst().orElseThrow();

        WorkbenchTestData.customer(as(ERP), unique("C"), """
                {"name": "Newcomer Ltd", "kind": "BUSINESS", "country": "%s", "language": "en"}""".formatted(newcomer));
        assertThat(queue.countries()).as("kept for a while").doesNotContain(newcomer);
        queue.forgetCountries();
        assertThat(queue.countries()).contains(newcomer, "NO", "SE");
    }

    @Test
    void aUserSeesTheTasksOfTheirGroupsAndTheirOwn() {
        WorkQueue.Viewer manager = new WorkQueue.Viewer("some-manager", List.of(Groups.MANAGERS));
        assertThat(ours(manager, WorkQueue.Filter.NONE)).isEmpty(); // call tasks are offered to collectors
        WorkQueue.Viewer admin = new WorkQueue.Viewer("admin", List.of(Groups.ADMINS));
        assertThat(ours(admin, WorkQueue.Filter.NONE)).hasSize(4);

        String task = tasks.createTaskQuery().processInstanceBusinessKey(large).singleResult().getId();
        tasks.setAssignee(task, "some-manager");
        assertThat(ours(manager, WorkQueue.Filter.NONE)).extracting(WorkItem::invoiceNumber).containsExactly(large);
    }

    @Autowired org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;
    @Autowired io.overdue.dunning.DunningProperties dunning;

    /** This test's tasks in queue order, across every page of the queue. */
    private List<WorkItem> ours(WorkQueue.Filter filter) {
        return ours(COLLECTOR_VIEW, filter);
    }

    private List<WorkItem> ours(WorkQueue.Viewer viewer, WorkQueue.Filter filter) {
        List<String> invoices = List.of(large, old, disputed, broken);
        List<WorkItem> found = new ArrayList<>();
        WorkQueue.Page page;
        int number = 0;
        do {
            page = queue.find(viewer, filter, number++);
            page.items().stream().filter(item -> item.invoiceNumber() != null && invoices.contains(item.invoiceNumber())).forEach(found::add);
        } while (number < page.pages());
        return found;
    }

    private String debt(String country, LocalDate due, String amount) {
        String customer = unique("W");
        WorkbenchTestData.customer(as(ERP), customer, """
                {"name": "Workbench Test %s", "organisationNumber": "%s", "kind": "BUSINESS", "country": "%s",
                 "language": "en", "email": "ap@%s.example", "phone": "%s"}""".formatted(customer,
                "NO".equals(country) ? "923609016" : "5560360793", country, customer.toLowerCase(),
                "NO".equals(country) ? "+4791234567" : "+46701234567"));
        return WorkbenchTestData.invoice(as(ERP), customer, due, "NO".equals(country) ? "NOK" : "SEK", amount);
    }
}
