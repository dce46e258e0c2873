package io.overdue.workbench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Camunda 7's Tasklist renders Camunda Forms exactly as deployed, in one language. This filter gives Tasklist each
 * task's form in the user's language (the workbench's: their profile's choice, else the browser's), by translating
 * the form's JSON on its way from the engine's REST API ({@code GET …/task/{id}/deployed-form}) with
 * {@link FormTranslations}. Nothing else of the response changes: keys, values and validation stay as deployed.
 */
@Component
class TaskFormLanguages extends OncePerRequestFilter {

    /** Tasklist's path through the web apps' engine API, and the plain REST API's. */
    static final Pattern DEPLOYED_FORM = Pattern.compile(
            "/(camunda/api/engine/engine/[^/]+|engine-rest)/task/[^/]+/deployed-form");

    private final FormTranslations translations;
    /**
     * Looked up per request: a filter is made while the servlet container starts, and the resolver needs the engine,
     * which must not start before Flyway has migrated the database.
     */
    private final ObjectProvider<LocaleResolver> locales;
    private final ObjectMapper json;

    TaskFormLanguages(FormTranslations translations, ObjectProvider<LocaleResolver> locales, ObjectMapper json) {
        this.translations = translations;
        this.locales = locales;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod())
                || !DEPLOYED_FORM.matcher(request.getRequestURI().substring(request.getContextPath().length())).matches();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Locale locale = locales.getObject().resolveLocale(request);
        if (!translations.has(locale)) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper form = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, form);
        byte[] body = form.getContentAsByteArray();
        if (form.getStatus() == HttpServletResponse.SC_OK && body.length > 0 && body[0] == '{') {
            JsonNode parsed = json.readTree(body);
            if (parsed instanceof ObjectNode camundaForm && camundaForm.has("components")) {
                translations.translate(camundaForm, locale);
                form.resetBuffer();
                form.getOutputStream().write(json.writeValueAsBytes(camundaForm));
                response.setHeader("Content-Language", locale.toLanguageTag());
            }
        }
        form.copyBodyToResponse();
    }
}
