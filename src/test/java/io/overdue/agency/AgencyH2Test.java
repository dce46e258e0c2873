package io.overdue.agency;

/**
 * Agency hand-over on the embedded default database. With the agency's folder and webhook configured, the one
 * extra application context of this module.
 */
class AgencyH2Test extends AgencyContract {
}
