package io.overdue.dunning;

/** Bundling on the zero-setup default, H2. */
class BundlingH2Test extends BundlingContract {
}
