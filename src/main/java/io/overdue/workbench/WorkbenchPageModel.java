package io.overdue.workbench;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.security.Principal;

/** What every workbench page needs: who is logged in, the page to come back to after a form, the time zone. */
@ControllerAdvice(basePackageClasses = WorkbenchPageModel.class, annotations = WorkbenchPage.class)
class WorkbenchPageModel {

    private final java.time.ZoneId zone;

    WorkbenchPageModel(io.overdue.dunning.DunningProperties dunning) {
        this.zone = dunning.zone();
    }

    /** Times on the pages are the creditor's, as the due dates and the notices are. */
    @ModelAttribute("zone")
    java.time.ZoneId zone() {
        return zone;
    }

    @ModelAttribute("userName")
    String userName(Principal principal) {
        return principal == null ? null : principal.getName();
    }

    @ModelAttribute("here")
    String here(HttpServletRequest request) {
        return request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    }
}
