package io.overdue.workbench;

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
        return "workbench/customer";
    }
}
