package io.overdue.dunning;

import io.overdue.dunning.CollectionCaseProcess.Variables;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the case's variables with their documented defaults, so that each delegate does not repeat them. */
final class CaseVariables {

    private CaseVariables() {
    }

    static String invoiceNumber(VariableScope scope) {
        Object value = scope.getVariable(Variables.INVOICE_NUMBER);
        if (!(value instanceof String invoiceNumber) || invoiceNumber.isBlank()) {
            throw new IllegalStateException("The case has no " + Variables.INVOICE_NUMBER + " variable");
        }
        return invoiceNumber;
    }

    /** The last level sent; absent: none yet (0). */
    static int level(VariableScope scope) {
        return number(scope, Variables.LEVEL, 0);
    }

    /** The round; absent: the first (1). */
    static int round(VariableScope scope) {
        return number(scope, Variables.ROUND, 1);
    }

    static int number(VariableScope scope, String name, int absent) {
        Object value = scope.getVariable(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof Number number) {
            return number.intValue();
        }
        throw new IllegalStateException("Variable " + name + " must be a number, was " + value);
    }
}
