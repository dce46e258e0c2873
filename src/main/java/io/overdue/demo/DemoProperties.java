package io.overdue.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param enabled create demo users, customers and invoices at start (the zero-setup default; never in prod) */
@ConfigurationProperties("overdue.demo")
public record DemoProperties(boolean enabled) {
}
