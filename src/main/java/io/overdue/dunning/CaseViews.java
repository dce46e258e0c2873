package io.overdue.dunning;

import io.overdue.channels.CommunicationLog;
import io.overdue.channels.LetterChannel;
import io.overdue.channels.Outbox;
import io.overdue.channels.OutboxMessage;
import io.overdue.channels.SentNotice;
import io.overdue.channels.SmsDeliveries;
import io.overdue.channels.SmsInbox;
import io.overdue.customers.CustomerRef;
import io.overdue.customers.CustomerService;
import io.overdue.invoices.CaseStates.CaseState;
import io.overdue.invoices.Invoice;
import io.overdue.invoices.InvoiceService;
import io.overdue.plans.PaymentPlans;
import io.overdue.plans.PlanView;
import io.overdue.shared.Amounts;
import io.overdue.shared.NotFoundException;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Service;

import io.overdue.invoices.InvoiceAdjustments;
import io.overdue.invoices.Owed;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Puts together the case view from the modules that own each part; it computes nothing they do not. */
@Service
public class CaseViews {

    private static final String TIMER_JOB_TYPE_PREFIX = "timer";
    private static final String ASYNC_CONTINUATION_JOB_TYPE = "async-continuation";

    private final InvoiceService invoices;
    private final CustomerService customers;
    private final CaseStateQuery caseStates;
    private final CommunicationLog communicationLog;
    private final ManagementService management;
    private final TaskService tasks;
    private final DunningProperties properties;
    private final Clock clock;
    private final DunningNotices dunningNotices;
    private final PaymentPlans plans;
    private final InvoiceAdjustments adjustments;
    private final SmsDeliveries smsDeliveries;
    private final SmsInbox smsInbox;
    private final Outbox outbox;

    CaseViews(InvoiceService invoices, CustomerService customers, CaseStateQuery caseStates,
              CommunicationLog communicationLog, ManagementService management, TaskService tasks,
              DunningProperties properties, Clock clock, DunningNotices dunningNotices, PaymentPlans plans,
              InvoiceAdjustments adjustments,
              SmsDeliveries smsDeliveries, SmsInbox smsInbox, Outbox outbox) {
        this.outbox = outbox;
        this.adjustments = adjustments;
        this.smsDeliveries = smsDeliveries;
        this.smsInbox = smsInbox;
        this.invoices = invoices;
        this.customers = customers;
        this.caseStates = caseStates;
        this.communicationLog = communicationLog;
        this.management = management;
        this.tasks = tasks;
        this.properties = properties;
        this.clock = clock;
        this.dunningNotices = dunningNotices;
        this.plans = plans;
    }

    /** @throws NotFoundException when there is no such invoice */
    public CaseView of(String invoiceNumber) {
        Invoice invoice = invoices.find(invoiceNumber).orElseThrow(() -> new NotFoundException("Invoice", invoiceNumber));
        CustomerRef customer = customers.ref(invoice.customerId())
                .orElseThrow(() -> new IllegalStateException("customer of invoice " + invoiceNumber + " is missing"));
        CaseState state = caseStates.caseOf(invoiceNumber).orElse(null);
        List<SentNotice> log = communicationLog.forInvoice(invoiceNumber);
        Map<Long, SmsDeliveries.Delivery> deliveries = smsDeliveries.ofEntries(log);
        return new CaseView(invoice.invoiceNumber(), invoice.status().name(), invoice.dueDate(), state,
                dunningNotices.forInvoice(invoiceNumber).stream().mapToInt(DunningNotice::level).max().orElse(0),
                balance(invoice),
                state == null || "ENDED".equals(state.state()) ? null : nextStep(state.caseId()),
                java.util.stream.Stream.concat(log.stream().map(entry -> communication(invoiceNumber, entry, deliveries)),
                        outbox.unfinished(invoiceNumber).stream().map(CaseViews::communication)).toList(),
                replies(customer.customerNumber()),
                plans.latest(invoiceNumber).map(PlanView::of).orElse(null));
    }

    /**
     * What is owed today, exactly as a payment today would be allocated: principal, the costs and interest claimed and
     * not yet paid (interest runs to today once a notice claimed it). When the notices could not claim interest for a
     * missing rate, the view says so instead of a figure.
     */
    private CaseView.Balance balance(Invoice invoice) {
        LocalDate today = LocalDate.now(clock.withZone(properties.zone()));
        Owed owed = adjustments.owed(invoice.invoiceNumber());
        BigDecimal interest = owed.interest();
        String interestNote = null;
        if (!invoice.status().isClosed() && interest.signum() == 0) {
            java.util.Optional<DunningNotice> withoutRate = dunningNotices.forInvoice(invoice.invoiceNumber()).stream()
                    .reduce((a, b) -> b).filter(last -> last.interestAmount() == null && last.interestNote() != null);
            if (withoutRate.isPresent()) {
                interest = null;
                interestNote = "Late interest is not included: " + withoutRate.get().interestNote();
            }
        }
        return new CaseView.Balance(invoice.currency(), today, Amounts.forDisplay(owed.principal()),
                Amounts.forDisplay(owed.costs()), interest == null ? null : Amounts.forDisplay(interest), interestNote,
                Amounts.forDisplay(owed.total()));
    }

    /**
     * The earliest of the case's jobs and open tasks. A job without a due date is an asynchronous continuation
     * that runs as soon as the job executor takes it, so it comes first; a task without a due date comes last.
     */
    private CaseView.NextStep nextStep(String processInstanceId) {
        record Candidate(CaseView.NextStep step, Instant order) {
        }
        List<Candidate> candidates = new ArrayList<>();
        for (Job job : management.createJobQuery().processInstanceId(processInstanceId).list()) {
            CaseView.NextStep step = step(job);
            candidates.add(new Candidate(step, step.dueAt() != null ? step.dueAt() : Instant.MIN));
        }
        for (Task task : tasks.createTaskQuery().processInstanceId(processInstanceId).list()) {
            Instant due = task.getDueDate() == null ? null : task.getDueDate().toInstant();
            candidates.add(new Candidate(new CaseView.NextStep("USER_TASK", task.getTaskDefinitionKey(), task.getName(), due),
                    due != null ? due : Instant.MAX));
        }
        return candidates.stream().min(Comparator.comparing(Candidate::order)).map(Candidate::step).orElse(null);
    }

    // A job does not name its activity; its job definition does, and says whether it is a timer.
    private CaseView.NextStep step(Job job) {
        Instant due = job.getDuedate() == null ? null : job.getDuedate().toInstant();
        JobDefinition definition = job.getJobDefinitionId() == null ? null
                : management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
        if (definition == null) {
            return new CaseView.NextStep("JOB", null, null, due);
        }
        String kind = definition.getJobType().startsWith(TIMER_JOB_TYPE_PREFIX) ? "TIMER"
                : ASYNC_CONTINUATION_JOB_TYPE.equals(definition.getJobType()) ? "ASYNC_CONTINUATION" : "JOB";
        return new CaseView.NextStep(kind, definition.getActivityId(),
                caseStates.name(job.getProcessDefinitionId(), definition.getActivityId()), due);
    }

    private static CaseView.Communication communication(String invoiceNumber, SentNotice entry,
                                                        Map<Long, SmsDeliveries.Delivery> deliveries) {
        // A letter's provider id is its letter id (SentNotice.STORED).
        String href = LetterChannel.CHANNEL.equals(entry.channel()) && entry.providerId() != null
                ? "/api/invoices/" + invoiceNumber + "/letters/" + entry.providerId() : null;
        SmsDeliveries.Delivery delivery = deliveries.get(entry.id());
        return new CaseView.Communication(entry.channel(), entry.recipient(), entry.template(), entry.subject(),
                entry.status(), entry.providerId(), entry.sentAt(), entry.error(), null,
                delivery == null ? null : delivery.status(), delivery == null ? null : delivery.errorCode(), href);
    }

    /** A message not yet sent: the collector sees that it waits, and why, before the customer is called. */
    private static CaseView.Communication communication(OutboxMessage message) {
        return new CaseView.Communication(message.channel(), message.recipient(), message.template(), message.subject(),
                message.status().name(), null, null, message.lastError(),
                message.status() == OutboxMessage.Status.PENDING ? message.nextAttemptAt() : null, null, null, null);
    }

    /** What the customer's numbers sent us: the customer's own and its contacts'. */
    private List<CaseView.Reply> replies(String customerNumber) {
        return smsInbox.from(customers.get(customerNumber).phoneNumbers()).stream()
                .map(sms -> new CaseView.Reply(sms.receivedAt(), sms.from(), sms.body(), sms.kind().name())).toList();
    }
}
