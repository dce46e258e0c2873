package io.overdue.workbench;

import io.overdue.dunning.CaseActions;
import io.overdue.dunning.CaseHolds;
import io.overdue.dunning.CaseOutlook;
import io.overdue.dunning.CaseView;
import io.overdue.dunning.CaseViews;
import io.overdue.dunning.CollectionCaseProcess;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The case page: one invoice's case as the engine and our records know it. The diagram is the model version the case
 * runs on, so an older case shows the steps it really has.
 */
@Service
class CasePages {

    /** Steps that only route: the log and the diagram's "passed" marks leave them out. */
    private static final Set<String> ROUTING = Set.of("exclusiveGateway", "eventBasedGateway", "parallelGateway",
            "inclusiveGateway", "multiInstanceBody");

    private final CaseViews views;
    private final CaseOutlook outlooks;
    private final CaseActions actions;
    private final HistoryService history;
    private final RuntimeService runtime;
    private final RepositoryService repository;
    private final NamedParameterJdbcTemplate jdbc;

    CasePages(CaseViews views, CaseOutlook outlooks, CaseActions actions, HistoryService history, RuntimeService runtime,
              RepositoryService repository, NamedParameterJdbcTemplate jdbc) {
        this.views = views;
        this.outlooks = outlooks;
        this.actions = actions;
        this.history = history;
        this.runtime = runtime;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    /** One step the case went through, for the case log. */
    public record LogEntry(Instant startedAt, Instant endedAt, String activityId, String name, String type,
                           String assignee, boolean canceled) {
    }

    /**
     * @param current the steps it stands at now (empty once ended)
     * @param passed  the steps it went through, for the diagram
     */
    public record CasePage(CaseView view, String customerNumber, String customerName, CaseOutlook.Outlook outlook,
                           List<CaseHolds.CaseHold> holds, List<LogEntry> log, List<String> current, Set<String> passed,
                           boolean running) {
    }

    /** @throws io.overdue.shared.NotFoundException for an unknown invoice */
    CasePage of(String invoiceNumber) {
        CaseView view = views.of(invoiceNumber);
        Map<String, Object> customer = jdbc.queryForMap("""
                SELECT c.customer_number, c.name FROM invoice i JOIN customer c ON c.id = i.customer_id
                WHERE i.invoice_number = :n""", Map.of("n", invoiceNumber));
        String caseId = view.collectionCase() == null ? null : view.collectionCase().caseId();
        boolean running = caseId != null && !"ENDED".equals(view.collectionCase().state());
        List<LogEntry> log = List.of();
        Set<String> passed = new LinkedHashSet<>();
        if (caseId != null) {
            log = history.createHistoricActivityInstanceQuery().processInstanceId(caseId)
                    .orderByHistoricActivityInstanceStartTime().asc().orderPartiallyByOccurrence().asc().list().stream()
                    .filter(step -> !ROUTING.contains(step.getActivityType()))
                    .map(CasePages::entry).toList();
            log.forEach(entry -> passed.add(entry.activityId()));
        }
        return new CasePage(view, (String) customer.get("customer_number"), (String) customer.get("name"),
                running ? outlooks.of(invoiceNumber) : new CaseOutlook.Outlook(List.of(), false),
                actions.holds(invoiceNumber), log, running ? runtime.getActiveActivityIds(caseId) : List.of(), passed,
                running);
    }

    /** The BPMN XML of the model version the invoice's case runs on; empty when it has no case (or no such invoice). */
    Optional<byte[]> diagram(String invoiceNumber) {
        // The definition alone: the case view's balance, log and plan are not needed to draw it.
        HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(CollectionCaseProcess.PROCESS_KEY).processInstanceBusinessKey(invoiceNumber)
                .orderByProcessInstanceStartTime().desc().listPage(0, 1).stream().findFirst().orElse(null);
        if (instance == null) {
            return Optional.empty();
        }
        try (InputStream model = repository.getProcessModel(instance.getProcessDefinitionId())) {
            return Optional.of(model.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LogEntry entry(HistoricActivityInstance step) {
        return new LogEntry(step.getStartTime().toInstant(), step.getEndTime() == null ? null : step.getEndTime().toInstant(),
                step.getActivityId(), step.getActivityName() == null ? step.getActivityId() : step.getActivityName(),
                step.getActivityType(), step.getAssignee(), step.isCanceled());
    }
}
