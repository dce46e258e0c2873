package io.overdue.plans;

import io.overdue.plans.PlanAcceptanceCheck.Status;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance page over HTTP: every state with its status code and its private headers, the CSRF token, and an
 * acceptance that is all or nothing.
 */
class PlanAcceptancePageTest extends AcceptanceLinkTest {

    private static final String NOT_VALID = "This link is not valid";

    @Autowired PlanAcceptanceProperties properties;
    @Autowired PlanAcceptanceTokenStore store;

    // ---------------------------------------------------------------- looking

    @Test
    void aValidLinkShowsThePlanAndAnAcceptFormWithoutUsingTheToken() {
        Offer offer = offer();

        ResponseEntity<String> page = get(offer.token());

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertPrivate(page);
        assertThat(page.getBody()).contains("Your payment plan", "Overdue Demo AS", offer.invoice(), "3,333.33 NOK",
                "3,333.34 NOK", "10,000.00 NOK", "Accept the payment plan", "name=\"token\" value=\"" + offer.token() + "\"");
        assertThat(page.getBody()).as("Thymeleaf adds Spring Security's CSRF token to the form").containsPattern(AcceptanceForm.CSRF);
        assertThat(page.getHeaders().get(HttpHeaders.SET_COOKIE)).anySatisfy(cookie ->
                assertThat(cookie).startsWith("XSRF-TOKEN=").contains("HttpOnly"));
        assertThat(tokens.verify(offer.token()).status()).as("a mail scanner's visit uses nothing").isEqualTo(Status.VALID);
    }

    @Test
    void malformedTamperedForgedAndMissingTokensGetOneAnswer() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        String token = tokens.issue(plan.id(), invoice);

        for (String bad : new String[]{tampered(token), "not-a-token", "", null}) {
            ResponseEntity<String> page = get(bad);
            assertThat(page.getStatusCode()).as(bad).isEqualTo(HttpStatus.NOT_FOUND);
            assertPrivate(page);
            assertThat(page.getBody()).contains(NOT_VALID).doesNotContain(invoice, "3,333.33", "name=\"token\"");
        }
    }

    @Test
    void anExpiredLinkIsGone() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        waitingProcess(invoice);
        String token = new PlanAcceptanceTokens(properties, store,
                Clock.fixed(Instant.now().minus(Duration.ofDays(30)), ZoneOffset.UTC)).issue(plan.id(), invoice);

        ResponseEntity<String> page = get(token);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertPrivate(page);
        assertThat(page.getBody()).contains("This link has expired", "collections@overdue.example").doesNotContain(invoice);
    }

    @Test
    void aLinkOfAnOlderProposalSaysItWasReplaced() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        String token = tokens.issue(plan.id(), invoice);
        tokens.revokeAll(plan.id());

        ResponseEntity<String> page = get(token);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("This proposal has been replaced").doesNotContain(invoice);
    }

    @Test
    void aPlanThatEndedCanNoLongerBeAccepted() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        String token = tokens.issue(plan.id(), invoice);
        plans.cancel(plan.id(), "collector1");

        ResponseEntity<String> page = get(token);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.GONE);
        assertThat(page.getBody()).contains("This plan can no longer be accepted").doesNotContain("Accept the payment plan");
    }

    @Test
    void withoutAProcessWaitingThePageOffersNoButton() {
        String invoice = invoice(null);
        PaymentPlan plan = planAwaitingAcceptance(invoice);
        String token = tokens.issue(plan.id(), invoice);

        ResponseEntity<String> page = get(token);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(page.getBody()).contains("This plan can no longer be accepted online").doesNotContain("name=\"token\"");
    }

    // ---------------------------------------------------------------- accepting

    @Test
    void acceptingRecordsTheAcceptanceAndMovesTheProcessOnOnce() {
        Offer offer = offer();

        ResponseEntity<String> form = get(offer.token());
        ResponseEntity<String> accepted = post(offer.token(), form);

        assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertPrivate(accepted);
        assertThat(accepted.getBody()).contains("Thank you, your plan is accepted", "3,333.33 NOK",
                offer.plan().instalments().get(0).dueDate().format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)))
                .doesNotContain(offer.token());
        PaymentPlan stored = reloaded(offer.plan());
        assertThat(stored.acceptedAt()).isNotNull();
        assertThat(stored.acceptedHow()).isEqualTo(AcceptedHow.LINK);
        assertThat(stored.acceptedIp()).isEqualTo("127.0.0.1");
        assertThat(movedOn(offer.process())).isTrue();
        assertThat(runtime.getVariable(offer.process().getId(), PaymentPlanProcess.Variables.PLAN_ACCEPTED_IP)).isEqualTo("127.0.0.1");
        assertThat(runtime.getVariable(offer.process().getId(), PaymentPlanProcess.Variables.PLAN_ACCEPTED_AT))
                .isEqualTo(stored.acceptedAt().toString());

        ResponseEntity<String> again = post(offer.token(), form);

        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(again.getBody()).contains("This plan is already accepted");
        assertThat(reloaded(offer.plan()).acceptedAt()).isEqualTo(stored.acceptedAt());
        assertThat(reloaded(offer.plan()).version()).as("the second post changed nothing").isEqualTo(stored.version());
    }

    @Test
    void withNoProcessWaitingNothingIsRecordedAndTheLinkStillWorks() {
        Offer offer = offer();
        ResponseEntity<String> form = get(offer.token());
        // The offer.process() stops waiting between the customer's look and the click (the deadline's timer, a collector).
        runtime.deleteProcessInstance(offer.process().getId(), "test: the acceptance deadline passed");

        ResponseEntity<String> refused = post(offer.token(), form);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(refused.getBody()).contains("This plan can no longer be accepted online", "Nothing has been recorded");
        assertThat(reloaded(offer.plan()).acceptedAt()).isNull();
        assertThat(tokens.verify(offer.token()).status()).as("the redemption rolled back").isEqualTo(Status.VALID);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndAcceptsNothing() {
        Offer offer = offer();
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("token", offer.token());
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);

        ResponseEntity<String> refused = http.exchange(PlanAcceptancePage.PATH, HttpMethod.POST,
                new HttpEntity<>(form, headers), String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reloaded(offer.plan()).acceptedAt()).isNull();
        assertThat(tokens.verify(offer.token()).status()).isEqualTo(Status.VALID);
    }

    @Test
    void aPostWithATamperedTokenGetsTheGenericAnswerAndRecordsNothing() {
        Offer offer = offer();

        ResponseEntity<String> refused = post(tampered(offer.token()), get(offer.token()));

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refused.getBody()).contains(NOT_VALID);
        assertThat(reloaded(offer.plan()).acceptedAt()).isNull();
        assertThat(movedOn(offer.process())).isFalse();
    }

    // ---------------------------------------------------------------- helpers

    /** One character of the signature changed: still well-formed, no longer ours. */
    static String tampered(String token) {
        char last = token.charAt(token.length() - 2);
        return token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    }

    private ResponseEntity<String> get(String token) {
        return http.getForEntity(token == null ? PlanAcceptancePage.PATH : PlanAcceptancePage.PATH + "?token={token}",
                String.class, token == null ? new Object[0] : new Object[]{token});
    }

    private ResponseEntity<String> post(String token, ResponseEntity<String> page) {
        return AcceptanceForm.submit(http, token, page);
    }

    private static void assertPrivate(ResponseEntity<String> page) {
        assertThat(page.getHeaders().getFirst("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(page.getHeaders().getFirst("X-Robots-Tag")).isEqualTo("noindex");
    }
}
