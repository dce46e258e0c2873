package io.overdue.workbench;

import io.overdue.shared.NotFoundException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The case page: the diagram with where the case stands, what comes next and when, and its log. */
@Controller
class CasePageController {

    private final CasePages pages;

    CasePageController(CasePages pages) {
        this.pages = pages;
    }

    @GetMapping("/workbench/cases/{invoiceNumber}")
    String page(@PathVariable String invoiceNumber, Model model) {
        model.addAttribute("page", pages.of(invoiceNumber));
        return "workbench/case";
    }

    /** The model version the case runs on, for the page's diagram viewer. */
    @GetMapping("/workbench/cases/{invoiceNumber}/diagram.bpmn")
    ResponseEntity<byte[]> diagram(@PathVariable String invoiceNumber) {
        byte[] model = pages.diagram(invoiceNumber)
                .orElseThrow(() -> new NotFoundException("Collection case of invoice", invoiceNumber));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(model);
    }
}
