package io.overdue.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every text of every shipped form (forms/*.form) has its bokmål and Swedish translation in forms/i18n, no
 * translation names a component that is gone, and a translated form differs from the deployed one only in its texts.
 */
class FormTranslationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final FormTranslations translations = new FormTranslations();

    @ParameterizedTest
    @ValueSource(strings = {"nb", "sv"})
    void everyTextOfEveryFormIsTranslatedAndNoTranslationIsStale(String language) throws IOException {
        Map<String, String> english = englishTexts();
        Properties texts = translations.texts(language);

        assertThat(english).hasSizeGreaterThan(200);
        assertThat(texts.stringPropertyNames()).as("texts in forms/i18n/%s.properties", language)
                .containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, text) -> {
            String translated = texts.getProperty(key);
            assertThat(translated).as(key).isNotBlank();
            assertThat(translated.split("\n", -1)).as("lines of " + key).hasSameSizeAs(text.split("\n", -1));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"call-customer.form", "resolve-dispute.form", "approve-payment-plan.form"})
    void aTranslatedFormKeepsItsStructureKeysAndValues(String file) throws IOException {
        ObjectNode form = (ObjectNode) JSON.readTree(Path.of("forms", file).toFile());
        ObjectNode norwegian = form.deepCopy();

        translations.translate(norwegian, Locale.forLanguageTag("nb"));

        assertThat(norwegian).isNotEqualTo(form);
        assertThat(structure(norwegian)).isEqualTo(structure(form));
        assertThat(norwegian.get("id")).isEqualTo(form.get("id"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "../etc"})
    void aLanguageWithoutTextsLeavesTheFormAsItIs(String language) throws IOException {
        ObjectNode form = (ObjectNode) JSON.readTree(Path.of("forms", "call-customer.form").toFile());
        ObjectNode same = form.deepCopy();

        translations.translate(same, Locale.forLanguageTag(language));

        assertThat(same).isEqualTo(form);
        assertThat(translations.has(Locale.forLanguageTag(language))).isFalse();
    }

    /** The texts a person reads, by the keys forms/i18n uses. */
    static Map<String, String> englishTexts() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("forms"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".form")).sorted().toList()) {
                JsonNode form = JSON.readTree(file.toFile());
                collect(form.get("id").asText(), form.path("components"), texts);
            }
        }
        return texts;
    }

    private static void collect(String formId, JsonNode components, Map<String, String> texts) {
        for (JsonNode component : components) {
            String prefix = formId + "." + component.path("id").asText() + ".";
            for (String attribute : FormTranslations.TEXTS) {
                text(component.get(attribute), prefix + attribute, texts);
            }
            for (JsonNode value : component.path("values")) {
                text(value.get("label"), prefix + "values." + value.path("value").asText(), texts);
            }
            for (String adorner : FormTranslations.ADORNERS) {
                text(component.path("appearance").get(adorner), prefix + "appearance." + adorner, texts);
            }
            collect(formId, component.path("components"), texts);
        }
    }

    private static void text(JsonNode value, String key, Map<String, String> texts) {
        // "=…" is a FEEL expression, computed, not read
        if (value != null && value.isTextual() && !value.asText().isBlank() && !value.asText().startsWith("=")) {
            texts.put(key, value.asText());
        }
    }

    /** The form with every text blanked: what must not change. */
    private static JsonNode structure(JsonNode form) {
        JsonNode copy = form.deepCopy();
        blank(copy);
        return copy;
    }

    private static void blank(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (String attribute : List.of("label", "description", "text", "placeholder", "dateLabel", "timeLabel",
                    "prefixAdorner", "suffixAdorner")) {
                if (object.has(attribute) && object.get(attribute).isTextual()) {
                    object.put(attribute, "");
                }
            }
        }
        node.forEach(FormTranslationsTest::blank);
    }
}
