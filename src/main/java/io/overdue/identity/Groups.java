package io.overdue.identity;

/** The groups of Camunda's identity service that decide what a user may do, in the web apps and in our API. */
public final class Groups {

    public static final String COLLECTORS = "collectors";
    public static final String MANAGERS = "managers";
    /** ERP and accounting systems that push customers and invoices. */
    public static final String INTEGRATIONS = "integrations";
    /** Created by the engine with every permission; operators belong here. */
    public static final String ADMINS = "camunda-admin";

    private Groups() {
    }
}
