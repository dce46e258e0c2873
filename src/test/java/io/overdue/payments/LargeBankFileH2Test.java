package io.overdue.payments;

/** Large bank files on the zero-setup default, H2. */
class LargeBankFileH2Test extends LargeBankFileContract {
}
