package io.overdue.identity;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

import static io.overdue.identity.Groups.ADMINS;
import static io.overdue.identity.Groups.COLLECTORS;
import static io.overdue.identity.Groups.INTEGRATIONS;
import static io.overdue.identity.Groups.MANAGERS;

/**
 * Who may call what. Everything needs a login except health checks and the payment-plan acceptance page. The Camunda web
 * apps and {@code /engine-rest} authenticate against the same identity service by their own filters, which also tell
 * the engine who the user is, so that its authorizations apply; the workbench shares the web apps' login.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The public page where a customer accepts a payment plan (docs/plan-acceptance.md): no login, the signed token in
     * the link is the credential. Unlike the API it is a browser form, so it keeps Spring Security's CSRF token, held
     * in a cookie (double submit) so that the page creates no session.
     */
    @Bean
    @Order(1)
    SecurityFilterChain planAcceptanceSecurityFilterChain(HttpSecurity http) throws Exception {
        // Loaded on every request, so that the cookie is set before the page renders; a deferred token would set it
        // only when the form asks for it, possibly after the response was committed.
        XorCsrfTokenRequestAttributeHandler csrfTokens = new XorCsrfTokenRequestAttributeHandler();
        csrfTokens.setCsrfRequestAttributeName(null);
        http
                .securityMatcher("/plans/accept")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()).csrfTokenRequestHandler(csrfTokens))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /**
     * The collectors' workbench (docs/workbench.md): pages for people, logged in with the Camunda web apps' session
     * ({@link CamundaWebappLogin}), so a form login and Spring Security's CSRF token on every form. Collectors, managers
     * and admins only; an ERP's integration user has no business here.
     */
    @Bean
    @Order(2)
    SecurityFilterChain workbenchSecurityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
                                                     CamundaWebappLogin webappLogin) throws Exception {
        http
                .securityMatcher("/workbench/**")
                .authenticationProvider(provider)
                .securityContext(context -> context.securityContextRepository(webappLogin))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/workbench/login", "/workbench/assets/**").permitAll()
                        .anyRequest().hasAnyAuthority(COLLECTORS, MANAGERS, ADMINS))
                .formLogin(form -> form.loginPage("/workbench/login").defaultSuccessUrl("/workbench", false))
                .logout(logout -> logout.logoutUrl("/workbench/logout").logoutSuccessUrl("/workbench/login?logout"))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, CamundaIdentityAuthenticationProvider provider) throws Exception {
        http
                .authenticationProvider(provider)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAnyAuthority(MANAGERS, ADMINS)
                        // Camunda's own login (web apps) and basic-auth filter (REST) guard these.
                        .requestMatchers("/", "/camunda/**", "/engine-rest/**", "/favicon.ico", "/error").permitAll()
                        // Twilio has no login here: every call must carry X-Twilio-Signature, checked by the controller.
                        .requestMatchers(HttpMethod.POST, "/webhooks/twilio/**").permitAll()
                        // Lifting a credit hold restarts deliveries to a customer who owes money: a manager's decision.
                        .requestMatchers(HttpMethod.POST, "/api/customers/*/credit-hold/release").hasAnyAuthority(MANAGERS, ADMINS)
                        // Giving up a debt is a manager's decision, not an ERP's.
                        .requestMatchers(HttpMethod.POST, "/api/invoices/*/write-off").hasAnyAuthority(MANAGERS, ADMINS)
                        // Migrating running cases to a new process version: managers and admins, never an ERP.
                        .requestMatchers("/api/admin/**").hasAnyAuthority(MANAGERS, ADMINS)
                        // Collection agencies report as integration users.
                        .requestMatchers(HttpMethod.POST, "/api/invoices/*/agency-status").hasAnyAuthority(INTEGRATIONS, MANAGERS, ADMINS)
                        // Collectors record what a customer said on the phone: a dispute, a promise to pay, or a wish
                        // to pay in instalments (a request or the plan they agreed on).
                        .requestMatchers(HttpMethod.POST, "/api/invoices/*/disputes", "/api/invoices/*/promises",
                                "/api/invoices/*/plan")
                                .hasAnyAuthority(COLLECTORS, MANAGERS, INTEGRATIONS, ADMINS)
                        // Bank payments come from the bank integration; matching one by hand is a collector's job.
                        .requestMatchers(HttpMethod.POST, "/api/payments/*/match", "/api/payments/*/credit").hasAnyAuthority(COLLECTORS, MANAGERS, ADMINS)
                        .requestMatchers(HttpMethod.POST, "/api/payments", "/api/payments/batch", "/api/payments/import")
                                .hasAnyAuthority(INTEGRATIONS, ADMINS)
                        .requestMatchers(HttpMethod.GET, "/api/**").hasAnyAuthority(COLLECTORS, MANAGERS, INTEGRATIONS, ADMINS)
                        .requestMatchers("/api/**").hasAnyAuthority(MANAGERS, INTEGRATIONS, ADMINS)
                        .anyRequest().authenticated())
                .httpBasic(Customizer.withDefaults())
                // A machine API with basic auth on every call: no session to steal, so no CSRF token either.
                // The Camunda web apps carry their own CSRF protection.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("engine-rest-authentication");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        return registration;
    }
}
