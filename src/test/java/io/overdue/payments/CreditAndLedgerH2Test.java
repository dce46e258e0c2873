package io.overdue.payments;

/** Allocation, credit balances and the ledger on H2, the zero-setup default. */
class CreditAndLedgerH2Test extends CreditAndLedgerContract {
}
