package io.overdue.dunning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.overdue.plans.PlanPaths;
import io.overdue.plans.PlanView;
import io.overdue.shared.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.time.Instant;

/** Asking for or proposing a payment plan: it goes to the collection case by message, hence here and not in plans. */
@RestController
@Tag(name = "Payment plans", description = "An invoice's claim paid in instalments")
class CasePlanController {

    private final CasePlans casePlans;
    /** Decimals read exactly: an instalment of 1000.10 must not become a binary fraction on its way in. */
    private final ObjectReader json;

    CasePlanController(CasePlans casePlans, ObjectMapper mapper) {
        this.casePlans = casePlans;
        this.json = mapper.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    /** The answer to a request: the collectors will propose the plan, so there is none to show yet. */
    record PlanRequested(String invoiceNumber, String requestedBy, Instant requestedAt, String note) {
    }

    @PostMapping(path = PlanPaths.PLAN, consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Ask for a payment plan, or propose one",
            description = "{} or {\"note\": …}: the case's collectors get the task to propose a plan (202). "
                    + "\"instalments\" or \"evenSplit\" (optionally \"addPlanFee\": true where the payment-plan policy "
                    + "names a fee, e.g. Swedish consumers): the plan is checked against the claim and the policy, stored "
                    + "PROPOSED and goes to approval (201 with the plan). 400 naming every bad field (unknown fields too), "
                    + "404 for an unknown invoice, 409 when the invoice has a live plan or the case cannot take a plan "
                    + "now; nothing is stored then. Location: where the plan is read.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = PlanPost.Documentation.class))))
    ResponseEntity<?> post(@PathVariable String invoiceNumber, @RequestBody(required = false) String body,
                           Principal user) {
        CasePlans.Taken taken = casePlans.post(invoiceNumber, parse(body), user.getName());
        var answer = ResponseEntity.status(taken.proposed() != null ? HttpStatus.CREATED : HttpStatus.ACCEPTED)
                .location(PlanPaths.of(invoiceNumber));
        return taken.proposed() != null ? answer.body(PlanView.of(taken.proposed()))
                : answer.body(new PlanRequested(invoiceNumber, taken.requestedBy(), taken.requestedAt(), taken.note()));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            throw InvalidInputException.of("", "request body is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
