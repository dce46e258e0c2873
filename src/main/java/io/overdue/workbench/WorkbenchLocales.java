package io.overdue.workbench;

import io.overdue.identity.CamundaWebappLogin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.LocaleResolver;

import java.util.List;
import java.util.Locale;

/**
 * The language of the pages: the one the user chose (kept in their Camunda profile, as user info {@code locale}, so it
 * follows them to any browser), else the best of the browser's languages that we have, else English. Norwegian
 * browsers say {@code no}, {@code nb} or {@code nn}: all get bokmål.
 */
@Component("localeResolver")
class WorkbenchLocales implements LocaleResolver {

    static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.forLanguageTag("nb"), Locale.forLanguageTag("sv"));
    static final String PROFILE_KEY = "locale";
    private static final String SESSION_KEY = WorkbenchLocales.class.getName();

    private final IdentityService identity;
    private final CamundaWebappLogin webappLogin;

    WorkbenchLocales(IdentityService identity, CamundaWebappLogin webappLogin) {
        this.identity = identity;
        this.webappLogin = webappLogin;
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        // Tasklist's own calls (its forms, see TaskFormLanguages) carry the web apps' login, not the workbench's.
        String user = user();
        if (user == null && session != null) {
            user = webappLogin.userOf(request).orElse(null);
        }
        // Only a page's session reads the profile, once: the API's calls (basic auth, no session) cost no query.
        if (user != null && session != null) {
            Object chosen = session.getAttribute(SESSION_KEY);
            if (chosen == null) {
                String stored = identity.getUserInfo(user, PROFILE_KEY);
                chosen = stored == null ? "" : stored;
                session.setAttribute(SESSION_KEY, chosen);
            }
            Locale locale = supported(chosen.toString());
            if (locale != null) {
                return locale;
            }
        }
        for (Locale wanted : java.util.Collections.list(request.getLocales())) {
            Locale locale = supported(wanted.getLanguage());
            if (locale != null) {
                return locale;
            }
        }
        return Locale.ENGLISH;
    }

    /** The user's choice: kept in their profile; an unknown language clears it (the browser decides again). */
    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        String user = user();
        Locale chosen = locale == null ? null : supported(locale.getLanguage());
        if (user != null) {
            if (chosen == null) {
                identity.deleteUserInfo(user, PROFILE_KEY);
            } else {
                identity.setUserInfo(user, PROFILE_KEY, chosen.toLanguageTag());
            }
        }
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.setAttribute(SESSION_KEY, chosen == null ? "" : chosen.toLanguageTag());
        }
    }

    static Locale supported(String language) {
        if (language == null || language.isBlank()) {
            return null;
        }
        String code = switch (language.toLowerCase(Locale.ROOT)) {
            case "no", "nn", "nb" -> "nb";
            default -> language.toLowerCase(Locale.ROOT);
        };
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(code)).findFirst().orElse(null);
    }

    private static String user() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || authentication instanceof AnonymousAuthenticationToken || !authentication.isAuthenticated()
                ? null : authentication.getName();
    }
}
