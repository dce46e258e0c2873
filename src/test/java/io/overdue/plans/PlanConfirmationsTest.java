package io.overdue.plans;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.overdue.channels.CommunicationLog;
import io.overdue.channels.SentNotice;
import io.overdue.channels.SmsNotSentException;
import io.overdue.plans.PlanAcceptanceCheck.Status;
import io.overdue.shared.ConflictException;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A plan goes to the customer by email (GreenMail) and SMS (emulated Twilio) with a link that verifies, by the
 * deadline of the plan policy, and an engine retry sends nothing twice.
 */
class PlanConfirmationsTest extends AcceptanceLinkTest {

    private static final Pattern LINK = Pattern.compile("http://localhost:8080/plans/accept\\?token=([A-Za-z0-9_.-]+)");
    private static final Locale NB = Locale.forLanguageTag("nb");

    @Autowired PlanConfirmations confirmations;
    @Autowired CommunicationLog communicationLog;
    @Autowired io.overdue.channels.OutboxSender outbox;

    @Test
    void theEmailListsEveryInstalmentTheTotalAndTheDeadlineWithALinkThatVerifies() throws Exception {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);

        Instant deadline = confirmations.send(plan.id());

        // The policy gives a Norwegian business 10 days, counted from the approval, to the end of the last day.
        LocalDate lastDay = LocalDate.ofInstant(plan.approvedAt(), OSLO).plusDays(10);
        assertThat(deadline).isEqualTo(lastDay.plusDays(1).atStartOfDay(OSLO).toInstant());
        MimeMessage[] received = MAIL.getReceivedMessages();
        assertThat(received).as("accounts payable, and the CFO in copy").hasSize(2);
        MimeMessage email = received[0];
        assertThat(email.getRecipients(Message.RecipientType.TO)).extracting(Object::toString)
                .containsExactly("faktura@fjellheim.example");
        assertThat(email.getRecipients(Message.RecipientType.CC)).extracting(Object::toString)
                .containsExactly("per@fjellheim.example");
        assertThat(email.getSubject()).isEqualTo("Din betalingsavtale for faktura " + invoice + ": vennligst godkjenn den");
        String text = part(email, "text/plain");
        String html = part(email, "text/html");
        DateTimeFormatter dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(NB);
        for (String body : List.of(text, html)) {
            assertThat(body).contains("Overdue Demo AS", invoice,
                    dates.format(today.plusDays(7)), dates.format(today.plusDays(7).plusMonths(1)),
                    dates.format(today.plusDays(7).plusMonths(2)), "3\u00a0333,33", "3\u00a0333,34", "10\u00a0000,00 NOK",
                    dates.format(lastDay), "1503.12.34567", invoice + "0");
        }
        assertThat(text).contains("Til: Fjellheim Elektro AS, med kopi til Per Økonomi, CFO");

        String token = token(text);
        assertThat(html).contains(token);
        PlanAcceptanceCheck check = tokens.verify(token);
        assertThat(check.status()).isEqualTo(Status.VALID);
        assertThat(check.planId()).isEqualTo(plan.id());
        assertThat(check.expiresAt()).as("the link works exactly as long as the process waits").isEqualTo(deadline);
        // The log is read by collectors and the ERP: it keeps what was said, but not the link that accepts.
        assertThat(communicationLog.forInvoice(invoice)).singleElement().satisfies(entry -> {
            assertThat(entry.idempotencyKey()).isEqualTo("plan:" + plan.id() + ":acceptance:EMAIL");
            assertThat(entry.content()).contains("3\u00a0333,34", "[link withheld]").doesNotContain(token);
        });
    }

    @Test
    void theSmsCarriesTheLinkToo() {
        String invoice = invoice(MOBILE);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        twilioAccepts();

        confirmations.send(plan.id());

        List<LoggedRequest> sms = TWILIO.findAll(postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(sms).hasSize(1);
        String body = URLDecoder.decode(sms.get(0).getBodyAsString(), StandardCharsets.UTF_8);
        assertThat(body).contains("To=" + MOBILE, "Overdue Demo AS: betalingsavtalen din for faktura " + invoice);
        String token = token(body);
        assertThat(tokens.verify(token).status()).isEqualTo(Status.VALID);
        assertThat(token).as("each message has its own token").isNotEqualTo(token(emailText()));
        assertThat(communicationLog.forInvoice(invoice)).extracting(SentNotice::channel, SentNotice::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL", SentNotice.SENT),
                        org.assertj.core.groups.Tuple.tuple("SMS", SentNotice.SENT));
    }

    @Test
    void aRetrySendsNothingTwiceAndNamesTheSameDeadline() {
        String invoice = invoice(MOBILE);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        twilioAccepts();

        Instant first = confirmations.send(plan.id());
        Instant retry = confirmations.send(plan.id());

        assertThat(retry).isEqualTo(first);
        assertThat(MAIL.getReceivedMessages()).as("one email, to its recipient and its copy").hasSize(2);
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(communicationLog.forInvoice(invoice)).hasSize(2);
        assertThat(tokenRows(plan)).as("no token for nobody").isEqualTo(2);
    }

    @Test
    void aFailedSmsGoesLaterWithItsOwnLinkAndTheEmailIsNotRepeated() throws Exception {
        String invoice = invoice(MOBILE);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        twilioFails();

        confirmations.send(plan.id());
        String emailed = token(emailText());
        assertThat(tokens.verify(emailed).status()).as("the email's token was committed with it").isEqualTo(Status.VALID);
        assertThat(tokenRows(plan)).as("the waiting SMS's token was committed with it").isEqualTo(2);
        assertThat(communicationLog.forInvoice(invoice)).extracting(SentNotice::channel).containsExactly("EMAIL");

        TWILIO.resetAll();
        twilioAccepts();
        confirmations.send(plan.id());
        jdbc.update("UPDATE outbox_message SET next_attempt_at = CURRENT_TIMESTAMP WHERE invoice_number = ?", invoice);
        outbox.sendDue();

        assertThat(MAIL.getReceivedMessages()).hasSize(2);
        TWILIO.verify(1, postRequestedFor(urlPathEqualTo(MESSAGES)));
        String texted = token(java.net.URLDecoder.decode(TWILIO.getAllServeEvents().get(0).getRequest().getBodyAsString(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(tokens.verify(texted).status()).isEqualTo(Status.VALID);
        assertThat(tokenRows(plan)).as("the step run again issued none").isEqualTo(2);
        assertThat(communicationLog.forInvoice(invoice)).extracting(SentNotice::channel).containsExactly("EMAIL", "SMS");
    }

    @Test
    void aPlanThatIsNotAwaitingAcceptanceIsNotSent() {
        String invoice = invoice(MOBILE);
        PaymentPlan proposed = plans.propose(invoice, ProposalRequest.evenSplit("collector1", null, 2, today.plusDays(7),
                java.time.Period.ofMonths(1)), new Claim(new java.math.BigDecimal("10000.00"), "NOK"),
                new PlanLimits(java.time.Period.ofMonths(12), java.math.BigDecimal.ONE));

        assertThatThrownBy(() -> confirmations.send(proposed.id())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("PROPOSED");
        assertThat(MAIL.getReceivedMessages()).isEmpty();
        assertThat(communicationLog.forInvoice(invoice)).isEmpty();
        assertThat(tokenRows(proposed)).isZero();
    }

    @Test
    void theDelegateSetsTheDeadlineTheModelsTimerWaitsFor() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        repository.createDeployment().name("send-plan-stub").enableDuplicateFiltering(true)
                .addModelInstance("send-plan-stub.bpmn", Bpmn.createExecutableProcess("SendPlanStub")
                        .startEvent()
                        .serviceTask(PaymentPlanProcess.Elements.SEND_PLAN_FOR_ACCEPTANCE)
                        .camundaDelegateExpression("${" + PaymentPlanProcess.Delegates.SEND_PLAN_FOR_ACCEPTANCE + "}")
                        .userTask("AwaitCustomerConfirmation")
                        .endEvent()
                        .done()).deploy();

        ProcessInstance process = runtime.startProcessInstanceByKey("SendPlanStub", invoice,
                java.util.Map.of(PaymentPlanProcess.Variables.PLAN_ID, plan.id()));

        Object deadline = runtime.getVariable(process.getId(), PaymentPlanProcess.Variables.ACCEPTANCE_DEADLINE);
        assertThat(deadline).isInstanceOf(Date.class);
        assertThat(((Date) deadline).toInstant()).isEqualTo(
                LocalDate.ofInstant(plan.approvedAt(), OSLO).plusDays(11).atStartOfDay(OSLO).toInstant());
        assertThat(MAIL.getReceivedMessages()).hasSize(2);
    }

    private static String token(String text) {
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a link to the acceptance page in: " + text).isTrue();
        return link.group(1);
    }

    private static String emailText() {
        try {
            return part(MAIL.getReceivedMessages()[0], "text/plain");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first part of the type, however deep the multiparts nest. */
    static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private int tokenRows(PaymentPlan plan) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM plan_acceptance_token WHERE plan_id = ?", Integer.class, plan.id());
    }
}
