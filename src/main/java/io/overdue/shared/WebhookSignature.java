package io.overdue.shared;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * How every outbound webhook of ours is signed, so that a receiver verifies credit holds and agency case
 * files the same way: {@code X-Overdue-Signature: sha256=<hex HMAC-SHA256 of the exact body bytes>}, and the
 * event's id as {@code Idempotency-Key} so that a retried delivery can be recognised.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Overdue-Signature";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private WebhookSignature() {
    }

    /** The header value: {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
    public static String of(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
