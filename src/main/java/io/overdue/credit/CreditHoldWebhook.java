package io.overdue.credit;

import io.overdue.shared.WebhookSignature;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Instant;

/**
 * Announces credit-hold events to the configured receiver: a signed JSON POST, with the event id as
 * idempotency key so that the receiver can drop the repeats that at-least-once delivery brings.
 */
@Component
class CreditHoldWebhook {

    private final CreditProperties properties;
    private final ObjectMapper json;
    private final RestClient http;

    CreditHoldWebhook(CreditProperties properties, ObjectMapper json) {
        this.properties = properties;
        this.json = json;
        // HTTP/1.1: an h2c upgrade attempt on plain http confuses some receivers and proxies, and buys nothing here.
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.webhookConnectTimeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.webhookReadTimeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    boolean configured() {
        return properties.webhookConfigured();
    }

    /** @throws CreditHoldWebhookException when the receiver cannot be reached or does not answer 2xx */
    void send(CreditHoldEvent event) {
        byte[] body = body(event);
        try {
            http.post().uri(properties.webhookUrl())
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(WebhookSignature.HEADER, WebhookSignature.of(body, properties.webhookSecret()))
                    .header(WebhookSignature.IDEMPOTENCY_HEADER, event.eventId())
                    .body(body)
                    .retrieve()
                    .toBodilessEntity();
        } catch (RestClientResponseException e) {
            throw new CreditHoldWebhookException(event.eventId(), "the receiver answered " + e.getStatusCode().value(), e);
        } catch (RestClientException e) {
            throw new CreditHoldWebhookException(event.eventId(),
                    "the receiver could not be reached (" + e.getMostSpecificCause().getMessage() + ")", e);
        }
    }

    // Serialised once and signed as bytes, so that the signature covers exactly what goes on the wire.
    private byte[] body(CreditHoldEvent event) {
        try {
            return json.writeValueAsBytes(new Payload(event.type().webhookName(), event.customerNumber(),
                    event.invoiceNumber(), event.reason(), event.occurredAt(), event.eventId()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a credit-hold event could not be written as JSON", e);
        }
    }

    // Every field always present (null when there is none), so receivers see one shape.
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"event", "customerNumber", "invoiceNumber", "reason", "occurredAt", "eventId"})
    record Payload(String event, String customerNumber, String invoiceNumber, String reason, Instant occurredAt,
                   String eventId) {
    }
}
