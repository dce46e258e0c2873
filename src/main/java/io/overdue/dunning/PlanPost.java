package io.overdue.dunning;

import com.fasterxml.jackson.databind.JsonNode;
import io.overdue.plans.ProposalRequest.EvenSplit;
import io.overdue.plans.ProposalRequest.InstalmentRequest;
import io.overdue.shared.Violations;
import io.swagger.v3.oas.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/invoices/{n}/plan}, read from the JSON tree rather than bound to a record: an unknown field (a
 * typo such as {@code "instalment"}) would otherwise be dropped silently and turn a proposal into a mere request, and
 * every bad date, amount and interval is named with its path in one answer.
 *
 * @param note        for the collectors who propose or decide the plan; may be null
 * @param addPlanFee  add the plan fee the policy names for the customer (e.g. SEK 170 for Swedish consumers)
 * @param instalments explicit instalments, or null
 * @param evenSplit   an even split, or null; neither this nor instalments: a request for the collectors to propose one
 */
record PlanPost(String note, boolean addPlanFee, List<InstalmentRequest> instalments, EvenSplit evenSplit) {

    static final int MAX_NOTE = 2_000;

    private static final Set<String> FIELDS = Set.of("note", "addPlanFee", "instalments", "evenSplit");
    private static final Set<String> INSTALMENT_FIELDS = Set.of("dueDate", "amount");
    private static final Set<String> EVEN_SPLIT_FIELDS = Set.of("count", "firstDate", "interval");

    /** A proposal names its instalments; anything else asks the collectors for one. */
    boolean proposal() {
        return instalments != null || evenSplit != null;
    }

    /** Reads the body, adding a violation for every field at fault; the result is usable only when none was added. */
    static PlanPost read(JsonNode body, Violations violations) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            return new PlanPost(null, false, null, null);
        }
        if (!body.isObject()) {
            violations.add("", "must be a JSON object: {} or {\"note\": …} to ask for a plan, or a proposal with "
                    + "\"instalments\" or \"evenSplit\"");
            return null;
        }
        unknownFields(body, FIELDS, "", violations);
        String note = text(body.get("note"), "note", violations);
        if (note != null && note.strip().length() > MAX_NOTE) {
            violations.add("note", "must be at most " + MAX_NOTE + " characters");
        }
        boolean addPlanFee = false;
        JsonNode fee = body.get("addPlanFee");
        if (present(fee)) {
            if (fee.isBoolean()) {
                addPlanFee = fee.booleanValue();
            } else {
                violations.add("addPlanFee", "must be true or false");
            }
        }
        List<InstalmentRequest> instalments = instalments(body.get("instalments"), violations);
        EvenSplit evenSplit = evenSplit(body.get("evenSplit"), violations);
        if (addPlanFee && instalments == null && evenSplit == null && !violations.hasFieldAtFault("instalments")
                && !violations.hasFieldAtFault("evenSplit")) {
            violations.add("addPlanFee", "goes with a proposal (instalments or evenSplit): the fee is part of what the "
                    + "instalments add up to");
        }
        return new PlanPost(note == null || note.isBlank() ? null : note.strip(), addPlanFee, instalments, evenSplit);
    }

    private static List<InstalmentRequest> instalments(JsonNode node, Violations violations) {
        if (!present(node)) {
            return null;
        }
        if (!node.isArray()) {
            violations.add("instalments", "must be a list of {\"dueDate\": \"2026-12-15\", \"amount\": \"1000.00\"}");
            return null;
        }
        List<InstalmentRequest> instalments = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "instalments[" + i + "]";
            JsonNode instalment = node.get(i);
            if (!instalment.isObject()) {
                violations.add(field, "must be an object with dueDate and amount");
                instalments.add(null);
                continue;
            }
            unknownFields(instalment, INSTALMENT_FIELDS, field + ".", violations);
            instalments.add(new InstalmentRequest(date(instalment.get("dueDate"), field + ".dueDate", violations),
                    amount(instalment.get("amount"), field + ".amount", violations)));
        }
        return instalments;
    }

    private static EvenSplit evenSplit(JsonNode node, Violations violations) {
        if (!present(node)) {
            return null;
        }
        if (!node.isObject()) {
            violations.add("evenSplit", "must be an object: {\"count\": 3, \"firstDate\": \"2026-12-15\", \"interval\": \"P1M\"}");
            return null;
        }
        unknownFields(node, EVEN_SPLIT_FIELDS, "evenSplit.", violations);
        JsonNode countNode = node.get("count");
        int count = 0;
        if (!present(countNode)) {
            violations.add("evenSplit.count", "is required: how many instalments");
        } else if (!countNode.canConvertToInt() || !countNode.isIntegralNumber()) {
            violations.add("evenSplit.count", "must be a whole number of instalments");
        } else {
            count = countNode.intValue();
        }
        LocalDate firstDate = date(node.get("firstDate"), "evenSplit.firstDate", violations);
        Period interval = null;
        String text = text(node.get("interval"), "evenSplit.interval", violations);
        if (text == null) {
            violations.add("evenSplit.interval", "is required: the time between instalments (ISO 8601, e.g. P1M, P14D)");
        } else {
            try {
                interval = Period.parse(text.strip());
                if (interval.isNegative() || interval.isZero()) {
                    violations.add("evenSplit.interval", "must be longer than zero, not " + text);
                }
            } catch (DateTimeParseException e) {
                violations.add("evenSplit.interval", "'" + text + "' is not a period (ISO 8601, e.g. P1M, P14D)");
            }
        }
        return new EvenSplit(count, firstDate, interval);
    }

    private static void unknownFields(JsonNode object, Set<String> known, String prefix, Violations violations) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                violations.add(prefix + name, "is not a field here; known fields are "
                        + known.stream().sorted().toList());
            }
        }
    }

    private static String text(JsonNode node, String field, Violations violations) {
        if (!present(node)) {
            return null;
        }
        if (!node.isTextual()) {
            violations.add(field, "must be text");
            return null;
        }
        return node.textValue();
    }

    private static LocalDate date(JsonNode node, String field, Violations violations) {
        if (!present(node)) {
            violations.add(field, "is required (ISO 8601, e.g. 2026-12-15)");
            return null;
        }
        String text = node.isTextual() ? node.textValue().strip() : node.toString();
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(field, "'" + text + "' is not a valid date (ISO 8601, e.g. 2026-12-15)");
            return null;
        }
    }

    /** A number or a string holding one: "1000.00" keeps its exact decimals either way. */
    private static BigDecimal amount(JsonNode node, String field, Violations violations) {
        if (!present(node)) {
            violations.add(field, "is required");
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isTextual()) {
            try {
                return new BigDecimal(node.textValue().strip());
            } catch (NumberFormatException e) {
                violations.add(field, "'" + node.textValue() + "' is not an amount (e.g. 1000.00)");
                return null;
            }
        }
        violations.add(field, "must be an amount (e.g. 1000.00)");
        return null;
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }

    /** What the body looks like, for the API documentation only. */
    @Schema(name = "PlanRequest", description = "{} or {\"note\": …} asks the case's collectors to propose a plan; "
            + "\"instalments\" or \"evenSplit\" proposes one. Unknown fields are refused.")
    record Documentation(
            @Schema(description = "Optional, at most 2,000 characters: for the collectors", example = "Asked on the phone")
            String note,
            @Schema(description = "Explicit instalments in date order; they add up exactly to the claim (plus the plan fee)")
            List<InstalmentDocumentation> instalments,
            @Schema(description = "Equal instalments, the remainder on the last") EvenSplitDocumentation evenSplit,
            @Schema(description = "Add the plan fee the payment-plan policy names for this customer (SEK 170 for Swedish "
                    + "consumers); refused where the policy names none") Boolean addPlanFee) {
    }

    record InstalmentDocumentation(@Schema(example = "2026-12-15") String dueDate,
                                   @Schema(example = "1000.00") String amount) {
    }

    record EvenSplitDocumentation(@Schema(example = "3") Integer count,
                                  @Schema(example = "2026-12-15") String firstDate,
                                  @Schema(description = "ISO 8601 period", example = "P1M") String interval) {
    }
}
