package io.overdue.dunning;

import io.overdue.shared.Amounts;

import org.camunda.bpm.engine.delegate.VariableScope;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads what the forms and the API put on a case for promises and disputes, and names the variables the API adds
 * that are not part of the model's contract ({@link CollectionCaseProcess.Variables}): the model never reads them,
 * only the recording steps do, and they remove them once stored.
 */
final class ClaimVariables {

    /** The API's id of the request that raised a dispute (present only when the API raised it). */
    static final String DISPUTE_REQUEST_ID = "disputeRequestId";
    /** The API caller's own {@code disputeId}, if given. */
    static final String DISPUTE_CLIENT_ID = "disputeClientId";
    /** The API's id of the request that made a promise (present only when the API made it). */
    static final String PROMISE_REQUEST_ID = "promiseRequestId";
    /** The API caller's own {@code promiseId}, if given. */
    static final String PROMISE_CLIENT_ID = "promiseClientId";
    /**
     * "CALL" when a collector records what a customer said outside the call task (the workbench's customer file);
     * absent for the API.
     */
    static final String CLAIM_SOURCE = "claimSource";
    static final String FROM_CALL = "CALL";

    private ClaimVariables() {
    }

    /** A decimal given as number or string (a form may send either); blank or absent: null. */
    static BigDecimal amount(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        try {
            return Amounts.typed(value.toString());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("variable " + name + " is not an amount: '" + value + "'", e);
        }
    }

    /** A date as the forms submit it ({@code yyyy-MM-dd}, perhaps with a time after it), or a Date read in {@code zone}. */
    static LocalDate date(VariableScope scope, String name, ZoneId zone) {
        Object value = scope.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), zone);
        }
        String text = value.toString().strip();
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("variable " + name + " is not a date (yyyy-MM-dd): '" + value + "'", e);
        }
    }

    /** Text, or null when absent or blank. */
    static String text(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    /** A stored record's id (the engine may hand back Long or Integer). */
    static long id(VariableScope scope, String name) {
        Object value = scope.getVariable(name);
        if (value instanceof Number number) {
            return number.longValue();
        }
        if (value != null && !value.toString().isBlank()) {
            return Long.parseLong(value.toString().strip());
        }
        throw new IllegalStateException("variable " + name + " is not set: no record to work on");
    }

    /** The invoice the case collects. */
    static String invoiceNumber(org.camunda.bpm.engine.delegate.DelegateExecution execution) {
        String number = text(execution, CollectionCaseProcess.Variables.INVOICE_NUMBER);
        return number != null ? number : execution.getProcessBusinessKey();
    }
}
