package io.overdue.plans;

import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

/** Where an invoice's plan is read, so that the answer to a proposal can point there. */
public final class PlanPaths {

    public static final String PLAN = "/api/invoices/{invoiceNumber}/plan";

    private PlanPaths() {
    }

    public static URI of(String invoiceNumber) {
        return UriComponentsBuilder.fromPath(PLAN).buildAndExpand(invoiceNumber).encode().toUri();
    }
}
