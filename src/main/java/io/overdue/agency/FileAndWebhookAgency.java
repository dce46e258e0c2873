package io.overdue.agency;

import io.overdue.shared.WebhookSignature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The default agency adapter: writes the case file into a folder the agency collects from (an SFTP drop, a
 * shared drive) and/or POSTs it to the agency's webhook, signed with HMAC-SHA256. Configured by
 * {@code overdue.agency.folder}, {@code overdue.agency.webhook-url} and the secret in
 * {@code OVERDUE_AGENCY_WEBHOOK_SECRET}.
 */
@Component(AgencyProperties.DEFAULT_ADAPTER)
public class FileAndWebhookAgency implements CollectionAgency {


    private static final Logger log = LoggerFactory.getLogger(FileAndWebhookAgency.class);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final AgencyProperties properties;
    private final CaseFileJson json;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final HttpClient client;

    public FileAndWebhookAgency(AgencyProperties properties, CaseFileJson json, ObjectMapper mapper, Clock clock) {
        this.properties = properties;
        this.json = json;
        this.mapper = mapper;
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public HandOverReceipt handOver(CaseFile caseFile) {
        if (properties.folder() == null && properties.webhookUrl() == null) {
            throw new IllegalStateException("Cannot hand invoice " + caseFile.invoice().invoiceNumber()
                    + " over: the agency adapter " + AgencyProperties.DEFAULT_ADAPTER + " has neither a folder "
                    + "(overdue.agency.folder) nor a webhook (overdue.agency.webhook-url) to deliver the case file to");
        }
        byte[] body = json.write(caseFile);
        StringBuilder delivery = new StringBuilder();
        if (properties.folder() != null) {
            delivery.append(write(caseFile.invoice().invoiceNumber(), body));
        }
        String reference = null;
        if (properties.webhookUrl() != null) {
            reference = post(caseFile, body).orElse(null);
            delivery.append(delivery.isEmpty() ? "" : "; ").append(properties.webhookUrl());
        }
        return new HandOverReceipt(reference, delivery.toString());
    }

    /**
     * Writes the file under a temporary name and renames it, so that an agency polling the folder never reads
     * half a file. A retry (the webhook failed after the file was written) finds the file and writes no second one.
     */
    private Path write(String invoiceNumber, byte[] body) {
        String safeNumber = invoiceNumber.replaceAll("[^A-Za-z0-9._-]", "_");
        Path folder = properties.folder();
        try {
            Files.createDirectories(folder);
            Pattern earlierName = Pattern.compile(Pattern.quote(safeNumber) + "-\\d{8}T\\d{6}Z\\.json");
            try (Stream<Path> files = Files.list(folder)) {
                Optional<Path> earlier = files.filter(f -> earlierName.matcher(f.getFileName().toString()).matches())
                        .findFirst();
                if (earlier.isPresent()) {
                    log.info("Case file of invoice {} was written before as {}; not writing another", invoiceNumber,
                            earlier.get());
                    return earlier.get();
                }
            }
            Path target = folder.resolve(safeNumber + "-" + FILE_TIME.format(clock.instant()) + ".json");
            // A dot-name in the same folder: the rename stays on one file system, and agencies skip dot-files.
            // Not Files.createTempFile, whose owner-only permissions would hide the file from the agency's account.
            Path temporary = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(body));
                    // On disk before it gets its final name: after a crash the agency finds a whole file or none.
                    channel.force(true);
                }
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            log.info("Case file of invoice {} written to {}", invoiceNumber, target);
            return target;
        } catch (IOException e) {
            throw new AgencyDeliveryException("Cannot write the case file of invoice " + invoiceNumber + " to "
                    + folder + ": " + e.getMessage(), e);
        }
    }

    /** @return the agency's reference when its answer is JSON with a {@code reference} field */
    private Optional<String> post(CaseFile caseFile, byte[] body) {
        String invoiceNumber = caseFile.invoice().invoiceNumber();
        HttpRequest request = HttpRequest.newBuilder(properties.webhookUrl())
                .timeout(properties.requestTimeout())
                .header("Content-Type", "application/json")
                .header(WebhookSignature.HEADER, WebhookSignature.of(body, properties.webhookSecret()))
                .header(WebhookSignature.IDEMPOTENCY_HEADER, caseFile.handOverId())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AgencyDeliveryException("The agency webhook " + properties.webhookUrl()
                    + " did not take the case file of invoice " + invoiceNumber + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgencyDeliveryException("Interrupted while handing invoice " + invoiceNumber + " over", e);
        }
        if (response.statusCode() / 100 != 2) {
            String answer = response.body() == null ? "" : response.body();
            throw new AgencyDeliveryException("The agency webhook " + properties.webhookUrl() + " answered "
                    + response.statusCode() + " to the case file of invoice " + invoiceNumber
                    + (answer.isBlank() ? "" : ": " + answer.substring(0, Math.min(500, answer.length()))));
        }
        log.info("Case file of invoice {} posted to {} ({})", invoiceNumber, properties.webhookUrl(), response.statusCode());
        return reference(response.body());
    }

    private Optional<String> reference(String answer) {
        if (answer == null || answer.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode reference = mapper.readTree(answer).path("reference");
            return reference.isValueNode() && !reference.asText().isBlank()
                    ? Optional.of(reference.asText()) : Optional.empty();
        } catch (IOException e) {
            // The file was delivered; an answer we cannot read only means there is no reference to keep.
            return Optional.empty();
        }
    }
}
