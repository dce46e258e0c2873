package io.overdue.workbench;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;

/** What every workbench page's top bar shows: who is logged in, and the page to come back to after a form. */
@ControllerAdvice(basePackageClasses = WorkbenchPageModel.class)
class WorkbenchPageModel {

    @ModelAttribute("userName")
    String userName(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
