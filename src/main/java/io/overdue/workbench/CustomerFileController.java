package io.overdue.workbench;

import io.overdue.channels.CallNotes;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The customer file: what a collector reads before a call. */
@Controller
class CustomerFileController {

    private final CustomerFiles files;

    CustomerFileController(CustomerFiles files) {
        this.files = files;
    }

    @GetMapping("/workbench/customers/{customerNumber}")
    String file(@PathVariable String customerNumber, Model model) {
        model.addAttribute("file", files.of(customerNumber));
        model.addAttribute("shownLimit", CustomerFiles.OPEN_INVOICES_SHOWN);
        // One key per page shown: a form sent twice (a double click, a reload) records once.
        model.addAttribute("formKey", UUID.randomUUID().toString());
        model.addAttribute("callOutcomes", CallNotes.Outcome.values());
        return "workbench/customer";
    }
}
