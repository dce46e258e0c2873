package io.overdue.customers;

import io.overdue.shared.InvalidInputException;
import io.overdue.shared.IsoCodes;
import io.overdue.shared.NotFoundException;
import io.overdue.shared.OrganisationNumbers;
import io.overdue.shared.PhoneNumbers;
import io.overdue.shared.Violation;
import io.overdue.shared.Violations;
import jakarta.validation.Validator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Creates, updates and looks up customers; the one place that decides what a valid customer is. */
@Service
public class CustomerService {

    public static final int MAX_CUSTOMER_NUMBER_LENGTH = 64;

    private static final String SELECT_REF = "SELECT id, customer_number, name, country, language, kind FROM customer ";
    private static final org.springframework.jdbc.core.RowMapper<CustomerRef> REF = (rs, n) -> new CustomerRef(
            rs.getLong("id"), rs.getString("customer_number"), rs.getString("name"), rs.getString("country"),
            rs.getString("language"), CustomerKind.valueOf(rs.getString("kind")));

    private final CustomerRepository repository;
    private final NamedParameterJdbcTemplate jdbc;
    private final Validator validator;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    CustomerService(CustomerRepository repository, NamedParameterJdbcTemplate jdbc, Validator validator, Clock clock,
                    ApplicationEventPublisher events) {
        this.repository = repository;
        this.jdbc = jdbc;
        this.validator = validator;
        this.clock = clock;
        this.events = events;
    }

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    public record Saved(Customer customer, Outcome outcome) {
    }

    /** Creates or updates the customer; throws {@link InvalidInputException} naming every fault. */
    @Transactional
    public Saved upsert(String customerNumber, CustomerRequest request) {
        List<Violation> violations = validate(customerNumber, request);
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
        return save(customerNumber, request);
    }

    /**
     * Saves a request already checked with {@link #validate}; for callers that validate a whole file first
     * and write only when every row is good.
     */
    @Transactional
    public Saved save(String customerNumber, CustomerRequest request) {
        Optional<Customer> existing = repository.findByCustomerNumber(customerNumber);
        Instant now = clock.instant();
        Customer candidate = toCustomer(customerNumber, request, existing.orElse(null), now);
        if (existing.isPresent() && existing.get().sameDataAs(candidate)) {
            return new Saved(existing.get(), Outcome.UNCHANGED);
        }
        Customer saved = repository.save(candidate);
        if (saved.creditHold() != existing.map(Customer::creditHold).orElse(false)) {
            events.publishEvent(new CreditHoldChanged(customerNumber, saved.creditHold(), CreditHoldSource.ERP, now));
        }
        return new Saved(saved, existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED);
    }

    /**
     * Puts the customer on credit hold or lifts the hold, without touching anything else; for the credit
     * module, which records who did it and why. Concurrent calls cannot both succeed: the row changes only
     * while it still has the other state, so exactly one caller learns that it made the change.
     *
     * @param source who holds the customer from now on; when lifting, who lifted it (the row then keeps no holder)
     * @return whether the state changed; false when the customer already was in that state
     * @throws NotFoundException for an unknown customer
     */
    @Transactional
    public boolean setCreditHold(String customerNumber, boolean hold, CreditHoldSource source) {
        int updated = jdbc.update("""
                UPDATE customer SET credit_hold = :hold, credit_hold_source = :source, version = version + 1,
                    updated_at = :now
                WHERE customer_number = :number AND credit_hold <> :hold""", new MapSqlParameterSource()
                .addValue("hold", hold).addValue("source", hold ? source.name() : null)
                .addValue("now", Timestamp.from(clock.instant())).addValue("number", customerNumber));
        if (updated == 0 && repository.findByCustomerNumber(customerNumber).isEmpty()) {
            throw new NotFoundException("Customer", customerNumber);
        }
        return updated > 0;
    }

    /** Every fault of the request, with field paths relative to the customer. Empty when it can be saved. */
    public List<Violation> validate(String customerNumber, CustomerRequest request) {
        Violations violations = new Violations();
        if (customerNumber == null || customerNumber.isBlank()) {
            violations.add("customerNumber", "must not be blank");
        } else if (customerNumber.length() > MAX_CUSTOMER_NUMBER_LENGTH) {
            violations.add("customerNumber", "must be at most " + MAX_CUSTOMER_NUMBER_LENGTH + " characters");
        }
        if (request == null) {
            return violations.add("", "customer data is missing").list();
        }
        violations.addBeanViolations(validator, request);
        String country = request.country() == null ? null : request.country().toUpperCase(Locale.ROOT);
        boolean countryValid = IsoCodes.isCountry(country);
        if (request.country() != null && !request.country().isBlank() && !countryValid) {
            violations.add("country", "'" + request.country() + "' is not an ISO 3166-1 alpha-2 country code");
        }
        if (request.language() != null && !request.language().isBlank()
                && !IsoCodes.isLanguage(request.language().toLowerCase(Locale.ROOT))) {
            violations.add("language", "'" + request.language() + "' is not an ISO 639-1 language code");
        }
        if (countryValid) {
            OrganisationNumbers.problem(country, request.organisationNumber())
                    .ifPresent(problem -> violations.add("organisationNumber", problem));
        }
        checkPhone(violations, "phone", request.phone(), countryValid ? country : null);
        checkPostalAddress(violations, request.postalAddress());
        if (request.creditLimit() != null && (request.creditLimitCurrency() == null
                || !IsoCodes.isCurrency(request.creditLimitCurrency()))) {
            violations.add("creditLimitCurrency", "must be an ISO 4217 currency code when a credit limit is given");
        }
        if (request.contacts() != null) {
            for (int i = 0; i < request.contacts().size(); i++) {
                CustomerRequest.ContactRequest contact = request.contacts().get(i);
                if (contact != null) {
                    checkPhone(violations, "contacts[" + i + "].phone", contact.phone(), countryValid ? country : null);
                }
            }
        }
        return violations.list();
    }

    public Customer get(String customerNumber) {
        return repository.findByCustomerNumber(customerNumber)
                .orElseThrow(() -> new NotFoundException("Customer", customerNumber));
    }

    public Optional<Customer> find(String customerNumber) {
        return repository.findByCustomerNumber(customerNumber);
    }

    /**
     * Holds the customer's row until the caller's transaction ends, so that decisions about contacting the customer
     * (the day's SMS, joining a message of several notices) are taken by one transaction at a time.
     */
    @org.springframework.transaction.annotation.Transactional(
            propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void holdForContact(String customerNumber) {
        jdbc.query("SELECT id FROM customer WHERE customer_number = :n FOR UPDATE", Map.of("n", customerNumber),
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> { });
    }

    /** Bulk lookup by customer number without loading contacts: one query per 1,000 numbers. */
    public Map<String, CustomerRef> refs(Collection<String> customerNumbers) {
        Map<String, CustomerRef> refs = new HashMap<>();
        List<String> numbers = new ArrayList<>(new java.util.LinkedHashSet<>(customerNumbers));
        for (int from = 0; from < numbers.size(); from += 1000) {
            List<String> chunk = numbers.subList(from, Math.min(numbers.size(), from + 1000));
            jdbc.query(SELECT_REF + "WHERE customer_number IN (:numbers)", Map.of("numbers", chunk), REF)
                    .forEach(ref -> refs.put(ref.customerNumber(), ref));
        }
        return refs;
    }

    public Optional<CustomerRef> ref(long customerId) {
        return jdbc.query(SELECT_REF + "WHERE id = :id", Map.of("id", customerId), REF).stream().findFirst();
    }

    /**
     * The customers of this name, compared as bank statements write a payer: in any case and with any runs of
     * whitespace ("FJELLHEIM  ELEKTRO AS" is Fjellheim Elektro AS). Empty for a blank name.
     */
    public List<CustomerRef> findByName(String name) {
        String wanted = normalisedName(name);
        if (wanted.isEmpty()) {
            return List.of();
        }
        // Names are not indexed case-insensitively, and a stored name may hold double spaces that SQL cannot
        // collapse portably: the first word narrows the search, the whole name is compared here.
        String firstWord = wanted.split(" ", 2)[0].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.query(SELECT_REF + "WHERE LOWER(name) LIKE :prefix ESCAPE '\\'", Map.of("prefix", firstWord + "%"), REF)
                .stream().filter(ref -> normalisedName(ref.name()).equals(wanted)).toList();
    }

    /**
     * Customers whose name shares a word with this one (in any case, words of three letters or more), at most
     * {@code limit}, for a person to choose from: "FJELLHEIM ELEKTRO" finds Fjellheim Elektro AS and Fjellheim Bygg AS.
     * The caller ranks them. Empty for a name without such a word. Legal forms (GmbH, ASA, Ltd) say nothing. A
     * contains-search cannot use an index: it reads the customer table, which is small beside the invoices.
     */
    public List<CustomerRef> findByNameResembling(String name, int limit) {
        List<String> words = java.util.Arrays.stream(normalisedName(name).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 3 && !LEGAL_FORMS.contains(word)).distinct()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed()).limit(3).toList();
        if (words.isEmpty()) {
            return List.of();
        }
        MapSqlParameterSource parameters = new MapSqlParameterSource().addValue("limit", limit);
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            conditions.add("LOWER(name) LIKE :w" + i + " ESCAPE '\\'");
            parameters.addValue("w" + i, "%" + words.get(i).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        return jdbc.query(SELECT_REF + "WHERE " + String.join(" OR ", conditions) + " ORDER BY customer_number LIMIT :limit",
                parameters, REF);
    }

    private static final java.util.Set<String> LEGAL_FORMS = java.util.Set.of("asa", "gmbh", "ltd", "inc", "llc", "plc",
            "oyj", "sarl", "and", "og", "och", "und", "the");

    private static String normalisedName(String name) {
        return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    private static void checkPostalAddress(Violations violations, List<String> lines) {
        if (lines == null) {
            return;
        }
        if (lines.isEmpty() || lines.size() > 5) {
            violations.add("postalAddress", "must have 1 to 5 lines (or be left out)");
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line == null || line.isBlank() || line.length() > 100 || line.contains("\n")) {
                violations.add("postalAddress[" + i + "]", "must be one line of 1 to 100 characters");
            }
        }
    }

    private static void checkPhone(Violations violations, String field, String phone, String country) {
        if (phone == null || phone.isBlank()) {
            return;
        }
        try {
            PhoneNumbers.toE164(phone, country);
        } catch (IllegalArgumentException e) {
            violations.add(field, "'" + phone + "' " + e.getMessage());
        }
    }

    private static Customer toCustomer(String customerNumber, CustomerRequest request, Customer existing, Instant now) {
        String country = request.country().toUpperCase(Locale.ROOT);
        List<Contact> contacts = request.contacts() == null ? List.of() : request.contacts().stream()
                .map(c -> new Contact(c.role(), c.name().trim(), blankToNull(c.email()),
                        c.phone() == null || c.phone().isBlank() ? null : PhoneNumbers.toE164(c.phone(), country)))
                .toList();
        return new Customer(existing == null ? null : existing.id(), customerNumber, request.name().trim(),
                blankToNull(request.organisationNumber()), request.kind(), country,
                request.language().toLowerCase(Locale.ROOT), blankToNull(request.email()),
                request.phone() == null || request.phone().isBlank() ? null : PhoneNumbers.toE164(request.phone(), country),
                request.creditLimit(), request.creditLimit() == null ? null : request.creditLimitCurrency(),
                creditHold(request.creditHold(), existing), creditHoldSource(request.creditHold(), existing),
                // An absent flag keeps the customer's choice: an opt-out must not be lost to a partial update.
                request.smsOptOut() != null ? request.smsOptOut() : existing != null && existing.smsOptOut(),
                request.postalAddress() == null ? null : String.join("\n", request.postalAddress().stream().map(String::trim).toList()),
                contacts,
                existing == null ? null : existing.version(),
                existing == null ? now : existing.createdAt(), now);
    }

    /*
     * The ERP's field steers the ERP's own hold only. ERPs often send their whole customer record on every
     * change, echoing a flag they read from us or always sending false; if that could lift a hold the dunning
     * policy placed, deliveries would restart while invoices are still overdue. An absent field keeps the
     * current state, so that a customer update that knows nothing of holds (a CSV row) lifts nothing.
     */
    private static boolean creditHold(Boolean requested, Customer existing) {
        boolean held = existing != null && existing.creditHold();
        if (requested == null || requested == held) {
            return held;
        }
        return requested || existing.creditHoldSource() == CreditHoldSource.POLICY;
    }

    private static CreditHoldSource creditHoldSource(Boolean requested, Customer existing) {
        if (!creditHold(requested, existing)) {
            return null;
        }
        return existing != null && existing.creditHold() ? existing.creditHoldSource() : CreditHoldSource.ERP;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
