package io.overdue.channels;

import io.overdue.shared.Violations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.TreeMap;

/**
 * Twilio's calls to us: delivery reports of the SMS we sent and messages sent to our number. Neither carries a login;
 * each must carry a valid {@code X-Twilio-Signature} and is refused with 403 otherwise, before anything is read or
 * kept. Twilio repeats a call it got no 2xx for, and may send reports out of order: both are kept idempotent.
 */
@RestController
@RequestMapping("/webhooks/twilio")
@Tag(name = "Twilio webhooks", description = "Called by Twilio, signed with X-Twilio-Signature")
class TwilioWebhookController {

    private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);
    static final String SIGNATURE = "X-Twilio-Signature";
    /** TwiML that sends no answer: we reply to customers as people, not automatically. */
    static final String NO_REPLY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final TwilioSignatures signatures;
    private final SmsDeliveries deliveries;
    private final SmsInbox inbox;

    TwilioWebhookController(TwilioSignatures signatures, SmsDeliveries deliveries, SmsInbox inbox) {
        this.signatures = signatures;
        this.deliveries = deliveries;
        this.inbox = inbox;
    }

    @PostMapping(path = "/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "Delivery report of an SMS (Twilio status callback)",
            description = "Form parameters MessageSid, MessageStatus and, when it failed, ErrorCode. 204 when kept or "
                    + "known already, 400 naming a missing or unknown parameter, 403 without a valid X-Twilio-Signature.")
    ResponseEntity<?> status(HttpServletRequest request, @RequestHeader(name = SIGNATURE, required = false) String signature) {
        return signed(request, signature, List.of("MessageSid", "MessageStatus"), (form, violations) -> {
            if (form.get("MessageStatus") != null && !SmsDeliveries.known(form.get("MessageStatus"))) {
                violations.add("MessageStatus", "'" + form.get("MessageStatus") + "' is not a Twilio message status");
            }
        }, form -> {
            deliveries.report(form.get("MessageSid"), form.get("MessageStatus"), form.get("ErrorCode"));
            return ResponseEntity.noContent().build();
        });
    }

    @PostMapping(path = "/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    @Operation(summary = "An SMS sent to our number (Twilio incoming message webhook)",
            description = "Form parameters MessageSid, From, To and Body. STOP and its synonyms opt the number out of "
                    + "SMS, START opts it back in, anything else is kept as a reply for collectors. 200 with empty "
                    + "TwiML (no automatic answer), 400 naming a missing parameter, 403 without a valid X-Twilio-Signature.")
    ResponseEntity<?> inbound(HttpServletRequest request, @RequestHeader(name = SIGNATURE, required = false) String signature) {
        return signed(request, signature, List.of("MessageSid", "From"), (form, violations) -> {
            if (form.get("From") != null && !validNumber(form.get("From"))) {
                violations.add("From", "'" + form.get("From") + "' is not a phone number in E.164");
            }
        }, form -> {
            inbox.receive(form.get("MessageSid"), form.get("From"), form.get("To"), form.get("Body"));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(NO_REPLY);
        });
    }

    /**
     * Refuses the call (403) unless it is signed, then (400) unless the required parameters are there and pass the
     * check, then keeps it. Twilio may send a call twice at the same moment: the second meets the unique key of the
     * first and is answered like it.
     */
    private ResponseEntity<?> signed(HttpServletRequest request, String signature, List<String> required,
                                     BiConsumer<Map<String, String>, Violations> check,
                                     Function<Map<String, String>, ResponseEntity<?>> keep) {
        Map<String, String> form = form(request);
        if (!signatures.valid(request, form, signature)) {
            return refused(request);
        }
        Violations violations = new Violations();
        required.forEach(name -> required(violations, form, name));
        check.accept(form, violations);
        violations.throwIfAny();
        try {
            return keep.apply(form);
        } catch (DuplicateKeyException e) {
            return keep.apply(form);
        }
    }

    private static ResponseEntity<ProblemDetail> refused(HttpServletRequest request) {
        log.warn("Refused a call to {} from {}: no valid {}", request.getRequestURI(), request.getRemoteAddr(), SIGNATURE);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                SIGNATURE + " is missing or does not match this request and the account's auth token");
        problem.setTitle("Forbidden");
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /**
     * The posted form, one value per name (Twilio sends each once), as the signature covers it: the servlet's
     * parameters less those of the query string, which the signature covers as part of the URL.
     */
    private static Map<String, String> form(HttpServletRequest request) {
        java.util.Set<String> inQuery = request.getQueryString() == null ? java.util.Set.of()
                : org.springframework.web.util.UriComponentsBuilder.fromUriString("?" + request.getQueryString()).build()
                .getQueryParams().keySet();
        Map<String, String> form = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!inQuery.contains(name)) {
                form.put(name, values.length == 0 ? "" : values[0]);
            }
        });
        return form;
    }

    private static void required(Violations violations, Map<String, String> form, String name) {
        if (form.get(name) == null || form.get(name).isBlank()) {
            violations.add(name, "is required");
        }
    }

    private static boolean validNumber(String number) {
        try {
            io.overdue.shared.PhoneNumbers.toE164(number, "ZZ");
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
