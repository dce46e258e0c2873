package io.overdue.channels;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;
import com.openhtmltopdf.util.XRLog;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.logging.Level;

/**
 * HTML (XHTML, from a Thymeleaf template) laid out by openhtmltopdf as an A4 PDF/A-2u: for letters and for the
 * communication log handed to an agency or a court.
 *
 * <p>PDF/A because these documents are kept as evidence, possibly for years, and PDF/A carries everything needed to
 * show them again (fonts, colour profile). That in turn needs every font embedded, so they bring their own: DejaVu
 * Sans, which covers the Nordic letters and most Latin, Greek and Cyrillic names, where the PDF base-14 fonts stop at
 * Latin-1 and are never embedded. Nothing is fetched from anywhere, whatever a template names.
 */
@Component
public class PdfDocuments {

    /** The font family templates name in their CSS. */
    public static final String FONT_FAMILY = "Overdue Letter Sans";

    // Read once: the renderer asks for each font on every document.
    private final byte[] regular = classpath("fonts/DejaVuSans.ttf");
    private final byte[] bold = classpath("fonts/DejaVuSans-Bold.ttf");
    private final byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    PdfDocuments() {
        // openhtmltopdf reports every layout step at INFO on its own console handler, past our logging
        // configuration; its warnings (a missing glyph, a CSS rule it ignores) are what matter.
        XRLog.listRegisteredLoggers().forEach(logger -> XRLog.setLevel(logger, Level.WARNING));
    }

    /** @param what names the document in an error, e.g. "letter notice:7001:L1:R1" */
    public byte[] render(String html, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder()
                .useFastMode()
                .usePdfAConformance(PdfAConformance.PDFA_2_U)
                .useColorProfile(srgb)
                .useFont(() -> new ByteArrayInputStream(regular), FONT_FAMILY, 400, FontStyle.NORMAL, true)
                .useFont(() -> new ByteArrayInputStream(bold), FONT_FAMILY, 700, FontStyle.NORMAL, true)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
                .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
                .withProducer("Overdue")
                .withHtmlContent(html, null)
                .toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + what, e);
        }
        return out.toByteArray();
    }

    private static byte[] classpath(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("font " + path + " is missing from the classpath", e);
        }
    }
}
