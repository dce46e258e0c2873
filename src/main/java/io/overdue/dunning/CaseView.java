package io.overdue.dunning;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.overdue.invoices.CaseStates.CaseState;
import io.overdue.plans.PlanView;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything a collector or the ERP asks about one invoice's collection case, in one answer. Its nulls are
 * written out, unlike elsewhere in the API: "no case", "no next step" and "interest unknown" are answers here.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(description = "An invoice's collection case: its state, dunning level, balance today, next step, notices and payment plan")
public record CaseView(
        String invoiceNumber,
        @Schema(description = "OPEN, PAID or CANCELLED") String invoiceStatus,
        LocalDate dueDate,
        @JsonProperty("case")
        @Schema(description = "The case in the engine; null when the invoice never needed one (settled at intake)",
                nullable = true)
        CaseState collectionCase,
        @Schema(description = "The dunning level of the latest notice (1, 2, 3 …; the email, SMS and letter of a "
                + "level are one notice); 0 before the first")
        int dunningLevel,
        Balance balance,
        @Schema(description = "What the case does next and when; null when the case has ended or there is none",
                nullable = true)
        NextStep nextStep,
        @Schema(description = "The communication log of the invoice, newest last")
        List<Communication> communications,
        @Schema(description = "SMS the customer's numbers (the customer's and its contacts') sent us, newest first: "
                + "replies for the collector, and STOP or START")
        List<Reply> replies,
        @Schema(description = "The invoice's live payment plan, else its latest, with its instalments and the customer's "
                + "acceptance (acceptedAt, acceptedIp, acceptedHow); null when it never had one", nullable = true)
        PlanView paymentPlan) {

    @Schema(description = "What the customer owes today, in the invoice's currency")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Balance(
            String currency,
            @Schema(description = "Today in the creditor's time zone (overdue.dunning.zone): interest runs up to and including it")
            LocalDate asOf,
            @Schema(description = "The open principal; 0 once the invoice is paid or cancelled") BigDecimal principal,
            @Schema(description = "Fees, B2B fixed compensation and plan fees claimed and not yet paid") BigDecimal fees,
            @Schema(description = "Late interest claimed and not yet paid: once a notice claimed interest, it runs from "
                    + "the day after the due date up to asOf; null when the notices could not claim it for a missing "
                    + "rate (see interestNote)", nullable = true)
            BigDecimal interest,
            @Schema(description = "Why interest is null: the missing rate an operator must add", nullable = true)
            String interestNote,
            @Schema(description = "principal + fees + interest: a payment of this today settles the invoice") BigDecimal total) {
    }

    @Schema(description = "The step the case waits for")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NextStep(
            @Schema(description = "TIMER, ASYNC_CONTINUATION (queued for the job executor), USER_TASK (a person must act) or JOB")
            String kind,
            @Schema(description = "Id of the BPMN element") String activityId,
            @Schema(description = "Name of the BPMN element, e.g. \"Due date and grace passed\"") String name,
            @Schema(description = "When the timer fires or the task is due; for an asynchronous continuation, when it was "
                    + "queued (it runs as soon as the job executor takes it, oldest first)", nullable = true)
            Instant dueAt) {
    }

    @Schema(description = "An entry of the communication log, without its content; or a message still in the outbox")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Communication(
            @Schema(description = "EMAIL, SMS or LETTER") String channel,
            String recipient,
            String template,
            String subject,
            @Schema(description = "Logged: SENT, LOGGED, NO_ADDRESS, OPTED_OUT, BOUNCED (the mail server refused the "
                    + "address), INVALID_NUMBER (Twilio refused the number) or STORED (a letter kept for download). Still "
                    + "in the outbox: PENDING (waiting for its first or next attempt), SENDING, or FAILED (every attempt "
                    + "failed; an incident in Cockpit waits for a retry)") String status,
            @Schema(description = "The provider's message id; for a letter its letter id", nullable = true) String providerId,
            @Schema(description = "When it went; null while it is in the outbox", nullable = true) Instant sentAt,
            @Schema(description = "Why it was refused (BOUNCED, INVALID_NUMBER, OPTED_OUT by Twilio), or what the last "
                    + "failed attempt of a message in the outbox met", nullable = true) String error,
            @Schema(description = "A message in the outbox: when it is tried next", nullable = true) Instant nextAttemptAt,
            @Schema(description = "An SMS's delivery as Twilio last reported it: queued, sent, delivered, undelivered, "
                    + "failed …; null before any report and for other channels", nullable = true)
            String delivery,
            @Schema(description = "Twilio's error code when the SMS was not delivered, e.g. 30003 (unreachable) or "
                    + "30006 (landline)", nullable = true)
            String deliveryError,
            @Schema(description = "Where to download a letter as PDF; null for other channels", nullable = true)
            String href) {
    }

    @Schema(description = "An SMS a customer sent us")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Reply(
            Instant receivedAt,
            @Schema(description = "The number it came from, E.164") String from,
            String body,
            @Schema(description = "REPLY, STOP (the number gets no more SMS) or START (it does again)") String kind) {
    }
}
