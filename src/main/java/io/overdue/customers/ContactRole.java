package io.overdue.customers;

/** Who a contact person is at the customer; later dunning levels escalate from accounts payable upwards. */
public enum ContactRole {
    ACCOUNTS_PAYABLE, FINANCE_MANAGER, CONTROLLER, CFO, CEO, OWNER, OTHER
}
