package io.overdue.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpRequestResponseHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * The workbench's login is the Camunda web apps' login: one session, kept where Cockpit and Tasklist keep theirs.
 * A user who logged in to Tasklist opens the workbench without logging in again, and one who logged in on the
 * workbench's page is logged in to Tasklist (to complete a task's form there) and Cockpit. Logging out of either ends
 * the session, and with it both.
 */
@Component
public class CamundaWebappLogin implements SecurityContextRepository {

    private final ProcessEngine engine;

    CamundaWebappLogin(ProcessEngine engine) {
        this.engine = engine;
    }

    @Override
    @Deprecated
    public SecurityContext loadContext(HttpRequestResponseHolder holder) {
        return load(holder.getRequest());
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
        return new DeferredSecurityContext() {
            private SecurityContext context;

            @Override
            public SecurityContext get() {
                if (context == null) {
                    context = load(request);
                }
                return context;
            }

            @Override
            public boolean isGenerated() {
                return get().getAuthentication() == null;
            }
        };
    }

    private SecurityContext load(HttpServletRequest request) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        UserAuthentication user = camundaLogin(request);
        if (user != null) {
            List<SimpleGrantedAuthority> authorities = user.getGroupIds().stream().map(SimpleGrantedAuthority::new).toList();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user.getName(), null, authorities));
        }
        return context;
    }

    /** After a login on the workbench's page: the web apps' session gets the user, with groups and apps, as their own login does. */
    @Override
    public void saveContext(SecurityContext context, HttpServletRequest request, HttpServletResponse response) {
        Authentication authentication = context.getAuthentication();
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            return;
        }
        UserAuthentication current = camundaLogin(request);
        if (current != null && current.getName().equals(authentication.getName())) {
            return;
        }
        UserAuthentication user = AuthenticationUtil.createAuthentication(engine, authentication.getName());
        if (user == null) {
            return;
        }
        user.setCacheValidationTime(ServletContextUtil.getAuthCacheValidationTime(request.getServletContext()));
        HttpSession session = request.getSession(true);
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        authentications.addOrReplace(user);
        AuthenticationUtil.updateSession(session, authentications);
    }

    @Override
    public boolean containsContext(HttpServletRequest request) {
        return camundaLogin(request) != null;
    }

    /** Who is logged in to the web apps in this request's session, if anyone: for requests outside the workbench. */
    public java.util.Optional<String> userOf(HttpServletRequest request) {
        return java.util.Optional.ofNullable(camundaLogin(request)).map(UserAuthentication::getName);
    }

    private UserAuthentication camundaLogin(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        return AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engine.getName())
                instanceof UserAuthentication user ? user : null;
    }
}
