package io.overdue.plans;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The wire format of a plan acceptance token, with no state: {@code base64url(payload) "." base64url(HMAC-SHA256)},
 * both without padding, the MAC taken over the ASCII text of the first part. The payload is binary:
 * version (1 byte, 1), token id (16 random bytes), plan id (8 bytes), expiry (8 bytes, epoch seconds), invoice
 * number (2-byte length, UTF-8). See docs/plan-acceptance.md.
 */
final class PlanAcceptanceTokenFormat {

    static final byte VERSION = 1;
    static final int TOKEN_ID_BYTES = 16;
    static final int MAC_BYTES = 32;
    static final int MAX_INVOICE_NUMBER_BYTES = 64;
    /** Longer than any token we issue; anything longer is refused before it is decoded. */
    static final int MAX_TOKEN_LENGTH = 256;

    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** What a token says. {@code tokenId} is the base64url text of the random id. */
    record Payload(long planId, String invoiceNumber, String tokenId, Instant expiresAt) {

        /** The key of the token's row: SHA-256 of the random id, hex. The id itself is not stored. */
        String tokenHash() {
            return hash(tokenId);
        }
    }

    /** The outcome of reading a token: a payload whose signature checked out, or why not. */
    record Reading(PlanAcceptanceCheck.Status failure, Payload payload) {
    }

    private final List<byte[]> keys;

    /** @param secret signs and verifies; {@code previousSecret} (nullable) only verifies */
    PlanAcceptanceTokenFormat(String secret, String previousSecret) {
        this.keys = previousSecret == null ? List.of(bytes(secret)) : List.of(bytes(secret), bytes(previousSecret));
    }

    String write(long planId, String invoiceNumber, byte[] tokenId, Instant expiresAt) {
        byte[] invoice = invoiceNumber.getBytes(StandardCharsets.UTF_8);
        if (invoiceNumber.isEmpty() || invoice.length > MAX_INVOICE_NUMBER_BYTES) {
            throw new IllegalArgumentException("An invoice number has 1 to " + MAX_INVOICE_NUMBER_BYTES + " bytes: " + invoiceNumber);
        }
        if (tokenId.length != TOKEN_ID_BYTES) {
            throw new IllegalArgumentException("A token id has " + TOKEN_ID_BYTES + " bytes");
        }
        ByteBuffer payload = ByteBuffer.allocate(1 + TOKEN_ID_BYTES + 8 + 8 + 2 + invoice.length)
                .put(VERSION).put(tokenId).putLong(planId).putLong(expiresAt.getEpochSecond())
                .putShort((short) invoice.length).put(invoice);
        String text = ENCODER.encodeToString(payload.array());
        return text + "." + ENCODER.encodeToString(mac(keys.get(0), text));
    }

    /** Never throws: whatever the input, the answer is a payload or the reason there is none. */
    Reading read(String token) {
        if (token == null || token.length() > MAX_TOKEN_LENGTH || !SHAPE.matcher(token).matches()) {
            return failure(PlanAcceptanceCheck.Status.MALFORMED);
        }
        int dot = token.indexOf('.');
        String text = token.substring(0, dot);
        Optional<byte[]> signature = decode(token.substring(dot + 1));
        Optional<byte[]> payload = decode(text);
        if (signature.isEmpty() || payload.isEmpty() || signature.get().length != MAC_BYTES) {
            return failure(PlanAcceptanceCheck.Status.MALFORMED);
        }
        boolean signed = false;
        for (byte[] key : keys) {
            // Every key is tried, so the time taken does not tell which one matched.
            signed |= MessageDigest.isEqual(mac(key, text), signature.get());
        }
        if (!signed) {
            return failure(PlanAcceptanceCheck.Status.BAD_SIGNATURE);
        }
        return parse(payload.get()).map(p -> new Reading(null, p))
                .orElseGet(() -> failure(PlanAcceptanceCheck.Status.MALFORMED));
    }

    private static Optional<Payload> parse(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) {
                return Optional.empty();
            }
            byte[] tokenId = new byte[TOKEN_ID_BYTES];
            in.get(tokenId);
            long planId = in.getLong();
            long expiry = in.getLong();
            int length = Short.toUnsignedInt(in.getShort());
            if (length == 0 || length > MAX_INVOICE_NUMBER_BYTES || in.remaining() != length) {
                return Optional.empty();
            }
            byte[] invoice = new byte[length];
            in.get(invoice);
            String invoiceNumber = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(invoice)).toString();
            return Optional.of(new Payload(planId, invoiceNumber, ENCODER.encodeToString(tokenId), Instant.ofEpochSecond(expiry)));
        } catch (BufferUnderflowException | CharacterCodingException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    static String hash(String tokenId) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tokenId.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static Optional<byte[]> decode(String text) {
        try {
            byte[] bytes = DECODER.decode(text);
            // One text per byte string: reject the variants that differ only in unused trailing bits.
            return ENCODER.encodeToString(bytes).equals(text) ? Optional.of(bytes) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Reading failure(PlanAcceptanceCheck.Status status) {
        return new Reading(status, null);
    }

    private static byte[] bytes(String secret) {
        return secret.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
