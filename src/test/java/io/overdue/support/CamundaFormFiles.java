package io.overdue.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the Camunda Forms in {@code forms/} as plain JSON for the form tests: their components, fields by key, and
 * whether a field shows for some answers, with the {@code conditional.hide} FEEL evaluated like Tasklist does.
 */
public final class CamundaFormFiles {

    /** Components Tasklist's form-js (schema 16) renders; the forms use only these. */
    public static final Set<String> SUPPORTED_TYPES = Set.of("text", "group", "textfield", "textarea", "number",
            "datetime", "radio", "select", "checkbox");
    public static final Set<String> INPUT_TYPES = Set.of("textfield", "textarea", "number", "datetime", "radio",
            "select", "checkbox");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final FeelEngine FEEL = new ScalaFeelEngineFactory().createInstance();

    private CamundaFormFiles() {
    }

    public static JsonNode read(String resource) throws IOException {
        try (InputStream in = CamundaFormFiles.class.getResourceAsStream("/" + resource)) {
            assertThat(in).as(resource + " on the classpath").isNotNull();
            return JSON.readTree(in);
        }
    }

    /** Every component, groups' children included. */
    public static List<JsonNode> components(String resource) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        collect(read(resource).path("components"), all);
        return all;
    }

    private static void collect(JsonNode components, List<JsonNode> into) {
        for (JsonNode component : components) {
            into.add(component);
            if (component.has("components")) {
                collect(component.get("components"), into);
            }
        }
    }

    public static Map<String, JsonNode> fields(String resource) throws IOException {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        components(resource).stream().filter(c -> c.has("key")).forEach(c -> fields.put(c.get("key").asText(), c));
        return fields;
    }

    /** Whether the field with this key shows for the data: neither it nor a group around it is hidden. */
    public static boolean shown(String resource, String key, Map<String, Object> data) throws IOException {
        Map<String, Object> context = new HashMap<>();
        fields(resource).keySet().forEach(k -> context.put(k, null));
        context.putAll(data);
        return shown(read(resource).path("components"), key, context, true);
    }

    private static boolean shown(JsonNode components, String key, Map<String, Object> context, boolean visible) {
        for (JsonNode component : components) {
            boolean here = visible && !hidden(component, context);
            if (key.equals(component.path("key").asText(null))) {
                return here;
            }
            if (component.has("components") && containsKey(component.get("components"), key)) {
                return shown(component.get("components"), key, context, here);
            }
        }
        throw new AssertionError("no field " + key);
    }

    private static boolean containsKey(JsonNode components, String key) {
        for (JsonNode component : components) {
            if (key.equals(component.path("key").asText(null))
                    || (component.has("components") && containsKey(component.get("components"), key))) {
                return true;
            }
        }
        return false;
    }

    /** The component's {@code conditional.hide} for this data; false when it has none. */
    public static boolean hidden(JsonNode component, Map<String, Object> context) {
        String hide = component.path("conditional").path("hide").asText(null);
        if (hide == null) {
            return false;
        }
        return Boolean.TRUE.equals(evaluate(hide, context));
    }

    /** A form's FEEL expression ("=..."), as Tasklist evaluates it. */
    public static Object evaluate(String expression, Map<String, Object> context) {
        return FEEL.evaluateSimpleExpression(expression.substring(1),
                org.camunda.bpm.engine.variable.Variables.fromMap(context).asVariableContext());
    }

    /**
     * What Tasklist needs of a form: the id its task's {@code camunda:formRef} names (the constant beside the resource
     * constant in {@code forms}), the engine's platform version and schema, only components it renders, unique ids.
     */
    public static void assertTasklistForm(Class<?> forms, String resource) throws Exception {
        JsonNode form = read(resource);
        assertThat(form.path("id").asText()).isEqualTo(idOf(forms, resource));
        assertThat(form.path("executionPlatformVersion").asText()).startsWith("7.24");
        assertThat(form.path("schemaVersion").asInt()).isEqualTo(16);
        assertThat(components(resource)).allSatisfy(c -> assertThat(SUPPORTED_TYPES).contains(c.path("type").asText()));
        assertThat(components(resource).stream().map(c -> c.path("id").asText()).toList()).doesNotHaveDuplicates();
    }

    /** Every {@code conditional.hide} is FEEL that gives a boolean while nothing is answered yet. */
    public static void assertConditionsGiveBooleans(String resource) throws IOException {
        Map<String, Object> empty = new HashMap<>();
        fields(resource).keySet().forEach(k -> empty.put(k, null));
        for (JsonNode component : components(resource)) {
            String hide = component.path("conditional").path("hide").asText(null);
            if (hide != null) {
                assertThat(evaluate(hide, empty)).as(resource + " " + component.path("id").asText()).isInstanceOf(Boolean.class);
            }
        }
    }

    /** The id constant beside a form's resource constant: {@code X} for {@code X_RESOURCE} in {@code forms}. */
    public static String idOf(Class<?> forms, String resource) throws IllegalAccessException {
        for (Field field : forms.getFields()) {
            if (field.getName().endsWith("_RESOURCE") && resource.equals(field.get(null))) {
                try {
                    return (String) forms.getField(field.getName().replaceFirst("_RESOURCE$", "")).get(null);
                } catch (NoSuchFieldException e) {
                    throw new AssertionError("no form id constant beside " + field.getName());
                }
            }
        }
        throw new AssertionError("no constant for " + resource);
    }

    /** The values of a class's public static String constants. */
    public static Set<String> constants(Class<?> type) {
        return Arrays.stream(type.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }).collect(Collectors.toCollection(TreeSet::new));
    }

    @SafeVarargs
    public static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
