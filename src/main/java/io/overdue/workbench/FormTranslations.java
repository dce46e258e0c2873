package io.overdue.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Camunda Forms in other languages. The forms (forms/*.form) are written in English in the Modeler; their texts
 * in bokmål and Swedish live beside them, in forms/i18n/{language}.properties, keyed by form id, component id and
 * attribute ({@code CallCustomerForm.Field_ContactResult.label}, {@code ….values.REACHED}), so that a manager who
 * edits a form keeps its translations as long as the component keeps its id. A text without a translation stays
 * English.
 */
@Component
public class FormTranslations {

    static final String LOCATION = "forms/i18n/";
    /** What a form component shows that a person reads. */
    static final List<String> TEXTS = List.of("label", "description", "text", "placeholder", "dateLabel", "timeLabel");
    static final List<String> ADORNERS = List.of("prefixAdorner", "suffixAdorner");

    private final Map<String, Properties> byLanguage = new ConcurrentHashMap<>();

    /** The texts of {@code language} (empty for English and for a language without a file). */
    Properties texts(String language) {
        return byLanguage.computeIfAbsent(language, FormTranslations::load);
    }

    /** Whether there is anything to translate into this locale's language. */
    public boolean has(Locale locale) {
        return !texts(locale.getLanguage()).isEmpty();
    }

    /** Replaces the form's texts by their translations, in place; the form keeps its structure, keys and values. */
    public void translate(ObjectNode form, Locale locale) {
        Properties texts = texts(locale.getLanguage());
        if (texts.isEmpty() || !form.hasNonNull("id")) {
            return;
        }
        translate(form.get("id").asText(), form.path("components"), texts);
    }

    private static void translate(String formId, JsonNode components, Properties texts) {
        for (JsonNode component : components) {
            if (!(component instanceof ObjectNode node) || !node.hasNonNull("id")) {
                continue;
            }
            String prefix = formId + "." + node.get("id").asText() + ".";
            for (String attribute : TEXTS) {
                replace(node, attribute, texts.getProperty(prefix + attribute));
            }
            for (JsonNode value : node.path("values")) {
                if (value instanceof ObjectNode option && option.hasNonNull("value")) {
                    replace(option, "label", texts.getProperty(prefix + "values." + option.get("value").asText()));
                }
            }
            if (node.get("appearance") instanceof ObjectNode appearance) {
                for (String adorner : ADORNERS) {
                    replace(appearance, adorner, texts.getProperty(prefix + "appearance." + adorner));
                }
            }
            translate(formId, node.path("components"), texts);
        }
    }

    private static void replace(ObjectNode node, String attribute, String translation) {
        if (translation != null && node.get(attribute) != null && node.get(attribute).isTextual()) {
            node.put(attribute, translation);
        }
    }

    private static Properties load(String language) {
        Properties texts = new Properties();
        ClassPathResource file = new ClassPathResource(LOCATION + language + ".properties");
        if (!language.matches("[a-z]{2,3}") || !file.exists()) {
            return texts;
        }
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            texts.load(reader);
            return texts;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION + language + ".properties", e);
        }
    }
}
