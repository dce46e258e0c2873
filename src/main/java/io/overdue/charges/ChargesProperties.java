package io.overdue.charges;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.Set;

/**
 * @param euDefaultCountries countries that take the {@code EU} rows of the rate table when they have no rows
 *                           of their own: the EU member states and the EEA countries (Directive 2011/7/EU
 *                           applies in the EEA)
 */
@ConfigurationProperties("overdue.charges")
public record ChargesProperties(Set<String> euDefaultCountries) {

    public ChargesProperties {
        euDefaultCountries = euDefaultCountries == null
                ? Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE",
                "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
                "IS", "LI", "NO")
                : Set.copyOf(euDefaultCountries);
    }
}
