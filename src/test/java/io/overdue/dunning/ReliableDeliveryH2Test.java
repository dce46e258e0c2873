package io.overdue.dunning;

/** Reliable delivery on the zero-setup default, H2. */
class ReliableDeliveryH2Test extends ReliableDeliveryContract {
}
