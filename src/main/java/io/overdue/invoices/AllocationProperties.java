package io.overdue.invoices;

import io.overdue.invoices.PaymentAllocation.Part;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The order in which a payment covers the parts of a claim. The default is the Norwegian rule (costs, then interest,
 * then principal), which Sweden and most of Europe follow too; {@code countries} overrides it per ISO country code.
 *
 * <pre>
 * overdue.allocation.order=COSTS,INTEREST,PRINCIPAL
 * overdue.allocation.countries.GB=INTEREST,COSTS,PRINCIPAL
 * </pre>
 */
@ConfigurationProperties("overdue.allocation")
public record AllocationProperties(List<Part> order, Map<String, List<Part>> countries) {

    static final List<Part> NORWEGIAN_RULE = List.of(Part.COSTS, Part.INTEREST, Part.PRINCIPAL);

    public AllocationProperties {
        order = order == null || order.isEmpty() ? NORWEGIAN_RULE : List.copyOf(order);
        countries = countries == null ? Map.of() : Map.copyOf(countries);
        check("overdue.allocation.order", order);
        countries.forEach((country, parts) -> check("overdue.allocation.countries." + country, parts));
    }

    /** The order for a customer in this country. */
    public List<Part> orderFor(String country) {
        if (country == null) {
            return order;
        }
        List<Part> own = countries.get(country.toUpperCase(Locale.ROOT));
        return own == null ? countries.getOrDefault(country, order) : own;
    }

    /** Every part exactly once: a part left out would never be paid, a part named twice makes no sense. */
    private static void check(String property, List<Part> parts) {
        if (parts.size() != Part.values().length || !EnumSet.copyOf(parts).equals(EnumSet.allOf(Part.class))) {
            throw new IllegalArgumentException(property + " must name each of " + List.of(Part.values())
                    + " exactly once, not " + parts);
        }
    }
}
