package io.overdue.channels;

import com.twilio.security.RequestValidator;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Map;

/**
 * Checks {@code X-Twilio-Signature} with the SDK's {@link RequestValidator}: the HMAC-SHA1, under the account's auth
 * token, of the URL Twilio called and the form parameters it posted. The URL is the one Twilio called: behind a proxy
 * that is {@link SmsProperties#webhookBaseUrl()} with the request's path and query, otherwise the request's own.
 * Without an auth token nothing can be checked, so every request is refused.
 */
@Component
class TwilioSignatures {

    private final SmsProperties properties;
    private final RequestValidator validator;

    TwilioSignatures(SmsProperties properties) {
        this.properties = properties;
        this.validator = properties.authToken() == null ? null : new RequestValidator(properties.authToken());
    }

    boolean valid(HttpServletRequest request, Map<String, String> parameters, String signature) {
        if (validator == null || signature == null || signature.isBlank()) {
            return false;
        }
        return validator.validate(url(request), parameters, signature);
    }

    /** The URL as Twilio called it. */
    String url(HttpServletRequest request) {
        String pathAndQuery = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        URI base = properties.webhookBaseUrl();
        if (base == null) {
            return request.getRequestURL() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        }
        String prefix = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1) : base.toString();
        return prefix + pathAndQuery;
    }
}
