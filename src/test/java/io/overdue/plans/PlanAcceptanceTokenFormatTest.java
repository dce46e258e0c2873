package io.overdue.plans;

import io.overdue.plans.PlanAcceptanceCheck.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The token's wire format and signature, without a database. */
class PlanAcceptanceTokenFormatTest {

    static final String SECRET = "0123456789abcdef0123456789abcdef-current";
    static final String OLD_SECRET = "0123456789abcdef0123456789abcdef-previous";
    static final Instant EXPIRY = Instant.parse("2026-12-07T09:00:00Z");
    static final byte[] ID = "sixteen-byte-id!".getBytes(StandardCharsets.US_ASCII);

    final PlanAcceptanceTokenFormat format = new PlanAcceptanceTokenFormat(SECRET, null);
    final String token = format.write(42, "INV-1001", ID, EXPIRY);

    @Test
    void readsBackWhatItWrote() {
        PlanAcceptanceTokenFormat.Reading reading = format.read(token);

        assertThat(reading.failure()).isNull();
        assertThat(reading.payload()).isEqualTo(new PlanAcceptanceTokenFormat.Payload(42, "INV-1001",
                Base64.getUrlEncoder().withoutPadding().encodeToString(ID), EXPIRY));
        assertThat(token).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}").hasSizeLessThan(PlanAcceptanceTokenFormat.MAX_TOKEN_LENGTH);
    }

    @Test
    void aTamperedPayloadHasABadSignature() {
        // Another plan id under the same signature: the attack single-plan links must stop.
        String other = new PlanAcceptanceTokenFormat("an entirely different secret, also long enough", null)
                .write(43, "INV-1001", ID, EXPIRY);
        String swapped = other.substring(0, other.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(format.read(swapped).failure()).isEqualTo(Status.BAD_SIGNATURE);

        assertThat(format.read(flip(token, 5)).failure()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void aTamperedSignatureIsBad() {
        assertThat(format.read(flip(token, token.indexOf('.') + 3)).failure()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void truncatedTokensAreMalformed() {
        assertThat(format.read(token.substring(0, token.length() - 1)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(token.substring(0, token.length() - 4)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(token.substring(0, token.indexOf('.') + 1)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(token.substring(0, token.indexOf('.'))).failure()).isEqualTo(Status.MALFORMED);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", ".", "a.b", "garbage", "not a token at all", "a.b.c", "=.=", "abc=.def=",
            "\u00e6\u00f8\u00e5.\u00e6\u00f8\u00e5", "AAAA.AAAA\n", "%00.%00", "<script>.x"})
    void garbageIsMalformed(String input) {
        assertThat(format.read(input).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(input).payload()).isNull();
    }

    @Test
    void anOverlongTokenIsRefusedUnread() {
        assertThat(format.read(token + "A".repeat(PlanAcceptanceTokenFormat.MAX_TOKEN_LENGTH)).failure()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void aNonCanonicalEncodingIsMalformed() {
        // The signature is 32 bytes: 43 characters whose last carries 2 unused bits. Setting them decodes to the
        // same bytes, but is not the text we issued.
        int last = token.length() - 1;
        char c = token.charAt(last);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char variant = alphabet.charAt(alphabet.indexOf(c) ^ 1);
        assertThat(format.read(token.substring(0, last) + variant).failure()).isEqualTo(Status.MALFORMED);
    }

    @Test
    void aSignedPayloadOfAnotherVersionOrShapeIsMalformed() {
        byte[] good = Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.')));
        byte[] otherVersion = good.clone();
        otherVersion[0] = 2;
        assertThat(format.read(signed(otherVersion, SECRET)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(signed(Arrays.copyOf(good, good.length - 1), SECRET)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(signed(Arrays.copyOf(good, good.length + 1), SECRET)).failure()).isEqualTo(Status.MALFORMED);
        assertThat(format.read(signed(new byte[0], SECRET)).failure()).isEqualTo(Status.MALFORMED);
        byte[] badUtf8 = ByteBuffer.allocate(good.length).put(good, 0, good.length - 1).put((byte) 0xC3).array();
        assertThat(format.read(signed(badUtf8, SECRET)).failure()).isEqualTo(Status.MALFORMED);
        // And the helper signs like the format does, so the cases above fail for their shape, not their MAC.
        assertThat(format.read(signed(good, SECRET)).failure()).isNull();
    }

    @Test
    void thePreviousSecretVerifiesButDoesNotSign() {
        String old = new PlanAcceptanceTokenFormat(OLD_SECRET, null).write(42, "INV-1001", ID, EXPIRY);
        PlanAcceptanceTokenFormat rotated = new PlanAcceptanceTokenFormat(SECRET, OLD_SECRET);

        assertThat(rotated.read(old).failure()).isNull();
        assertThat(rotated.read(old).payload().planId()).isEqualTo(42);
        assertThat(rotated.write(42, "INV-1001", ID, EXPIRY)).isEqualTo(token);
        assertThat(format.read(old).failure()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void aTokenOfAnUnknownSecretHasABadSignature() {
        String foreign = new PlanAcceptanceTokenFormat("someone else's secret, 32 bytes or more", null).write(42, "INV-1001", ID, EXPIRY);
        assertThat(new PlanAcceptanceTokenFormat(SECRET, OLD_SECRET).read(foreign).failure()).isEqualTo(Status.BAD_SIGNATURE);
    }

    @Test
    void refusesToWriteWhatItCouldNotRead() {
        assertThatThrownBy(() -> format.write(1, "", ID, EXPIRY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.write(1, "9".repeat(65), ID, EXPIRY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> format.write(1, "INV", new byte[8], EXPIRY)).isInstanceOf(IllegalArgumentException.class);
        String longest = format.write(Long.MAX_VALUE, "\u00f8".repeat(32), ID, EXPIRY);
        assertThat(format.read(longest).payload().invoiceNumber()).isEqualTo("\u00f8".repeat(32));
    }

    @Test
    void theStoredHashIsNotTheId() {
        PlanAcceptanceTokenFormat.Payload payload = format.read(token).payload();
        assertThat(payload.tokenHash()).hasSize(64).matches("[0-9a-f]+").doesNotContain(payload.tokenId());
    }

    private static String flip(String text, int index) {
        char c = text.charAt(index);
        return text.substring(0, index) + (c == 'A' ? 'B' : 'A') + text.substring(index + 1);
    }

    static String signed(byte[] payload, String secret) {
        try {
            String text = Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return text + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
