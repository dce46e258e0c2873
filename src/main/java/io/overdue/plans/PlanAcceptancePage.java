package io.overdue.plans;

import io.overdue.shared.CreditorProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public page the link in a plan's email and SMS opens: no login, the token is the only credential (permitted in
 * {@code identity.SecurityConfiguration}). Statuses and headers: docs/plan-acceptance.md.
 */
@Controller
@RequestMapping(PlanAcceptancePage.PATH)
class PlanAcceptancePage {

    static final String PATH = "/plans/accept";
    static final String VIEW = "plans/accept";

    private final OnlineAcceptance acceptance;
    private final CreditorProperties creditor;

    PlanAcceptancePage(OnlineAcceptance acceptance, CreditorProperties creditor) {
        this.acceptance = acceptance;
        this.creditor = creditor;
    }

    /**
     * On every answer of the page: the token is in the address, so it must not leave in a Referer header, stay in a
     * shared cache or be indexed by a search engine that was handed the link.
     */
    @ModelAttribute
    void privateHeaders(HttpServletResponse response, Model model) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setHeader("X-Robots-Tag", "noindex");
        model.addAttribute("creditor", creditor);
    }

    @GetMapping
    String show(@RequestParam(required = false) String token, Model model, HttpServletResponse response) {
        return render(acceptance.show(token), token, model, response);
    }

    /**
     * The client's address is the servlet container's remote address; behind a reverse proxy set
     * {@code server.forward-headers-strategy=framework} so that it is the customer's, not the proxy's.
     */
    @PostMapping
    String accept(@RequestParam(required = false) String token, HttpServletRequest request, Model model,
                  HttpServletResponse response) {
        return render(acceptance.accept(token, request.getRemoteAddr()), token, model, response);
    }

    private static String render(OnlineAcceptance.Page page, String token, Model model, HttpServletResponse response) {
        response.setStatus(page.state().status.value());
        model.addAttribute("state", page.state().name());
        model.addAttribute("plan", page.plan());
        // Only the offer carries the token on, in its form's hidden field; no other page repeats it.
        model.addAttribute("token", page.state() == OnlineAcceptance.State.OFFER ? token : null);
        return VIEW;
    }
}
