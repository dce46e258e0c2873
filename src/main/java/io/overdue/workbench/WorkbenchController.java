package io.overdue.workbench;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;

import java.util.Locale;

/** The workbench's login page and the language switch. */
@Controller
class WorkbenchController {

    private final LocaleResolver locales;

    WorkbenchController(LocaleResolver locales) {
        this.locales = locales;
    }

    @GetMapping("/workbench/login")
    String login() {
        return "workbench/login";
    }

    @PostMapping("/workbench/language")
    String language(@RequestParam String language, @RequestParam(required = false) String back,
                    HttpServletRequest request, HttpServletResponse response) {
        locales.setLocale(request, response, language.isBlank() ? null : Locale.forLanguageTag(language));
        return "redirect:" + back(back);
    }

    /** Where to go back to after a form: a workbench page the user came from, never another site. */
    static String back(String back) {
        return back != null && back.startsWith("/workbench") && !back.contains("//") && !back.contains("\\") ? back : "/workbench";
    }

    /** A customer or invoice number as one segment of a workbench address. */
    static String encode(String segment) {
        return org.springframework.web.util.UriUtils.encodePathSegment(segment, java.nio.charset.StandardCharsets.UTF_8);
    }
}
