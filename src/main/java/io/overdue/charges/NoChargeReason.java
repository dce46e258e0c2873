package io.overdue.charges;

/** Why a fee is not charged, for a notice to explain in its own language. */
public enum NoChargeReason {
    /** Norway: a fee-bearing reminder may be sent 14 days after the due date at the earliest. */
    SENT_TOO_SOON_AFTER_DUE_DATE,
    /** Norway: the notice must give at least 14 days to pay. */
    DEADLINE_TOO_SHORT,
    /** Norway: at most two fee-bearing notices per claim. */
    FEE_LIMIT_REACHED,
    /** Norway: the second fee only after the first fee-bearing notice's deadline has passed. */
    PREVIOUS_DEADLINE_NOT_PASSED,
    /** Sweden: a reminder fee only when it was agreed when the debt arose. */
    NOT_AGREED_WHEN_DEBT_AROSE,
    /** Sweden: a business debtor owes the förseningsersättning instead of the other collection fees. */
    REPLACED_BY_FIXED_COMPENSATION,
    /** Fixed compensation is owed by businesses only. */
    CONSUMER_DEBT,
    /** The country's rules, as implemented here, provide no such fee. */
    NOT_PROVIDED_IN_COUNTRY
}
