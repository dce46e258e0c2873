package io.overdue.dunning;

/** Twilio's calls to us on the zero-setup default, H2. */
class SmsRoundTripH2Test extends SmsRoundTripContract {
}
