package io.overdue.channels;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

import java.net.URI;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * X-Twilio-Signature checked with Twilio's published test vectors (../shared/testdata/twilio/signature-vectors.md, from
 * twilio-java's RequestValidatorTest): auth token 12345, the form parameters below, and the URL as the request arrived.
 */
class TwilioSignaturesTest {

    private static final Map<String, String> PARAMETERS = new TreeMap<>(Map.of("CallSid", "CA1234567890ABCDE",
            "Caller", "+14158675309", "Digits", "1234", "From", "+14158675309", "To", "+18005551212"));
    private static final String MAIN = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private final TwilioSignatures signatures = new TwilioSignatures(properties("12345", null));

    @Test
    void theMainVectorIsValidAndAWrongSignatureIsNot() {
        assertThat(signatures.valid(request("https", 443), PARAMETERS, MAIN)).isTrue();
        assertThat(signatures.valid(request("https", 443), PARAMETERS, "NOT" + MAIN)).isFalse();
    }

    @Test
    void portsAreTakenAsTwilioSignsThem() {
        // https with an explicit port: the validator also tries the URL without it
        assertThat(signatures.valid(request("https", 1234), PARAMETERS, MAIN)).isTrue();
        assertThat(signatures.valid(request("http", 1234), PARAMETERS, "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=")).isTrue();
        // signed with the default port written out
        assertThat(signatures.valid(request("https", 443), PARAMETERS, "kvajT1Ptam85bY51eRf/AJRuM3w=")).isTrue();
        assertThat(signatures.valid(request("http", 80), PARAMETERS, "0ZXoZLH/DfblKGATFgpif+LLRf4=")).isTrue();
    }

    @Test
    void aChangedParameterOrAMissingSignatureOrTokenIsRefused() {
        Map<String, String> changed = new TreeMap<>(PARAMETERS);
        changed.put("Digits", "1235");
        assertThat(signatures.valid(request("https", 443), changed, MAIN)).isFalse();
        assertThat(signatures.valid(request("https", 443), PARAMETERS, null)).isFalse();
        assertThat(signatures.valid(request("https", 443), PARAMETERS, " ")).isFalse();
        assertThat(new TwilioSignatures(properties(null, null)).valid(request("https", 443), PARAMETERS, MAIN))
                .as("no auth token: nothing can be checked, so nothing passes").isFalse();
    }

    /** Behind a proxy this node sees another address than the one Twilio called and signed. */
    @Test
    void behindAProxyThePublicBaseUrlIsWhatTwilioSigned() {
        MockHttpServletRequest internal = new MockHttpServletRequest("POST", "/myapp.php");
        internal.setScheme("http");
        internal.setServerName("10.0.0.5");
        internal.setServerPort(8080);
        internal.setQueryString("foo=1&bar=2");

        assertThat(signatures.valid(internal, PARAMETERS, MAIN)).isFalse();
        TwilioSignatures proxied = new TwilioSignatures(properties("12345", URI.create("https://mycompany.com/")));
        assertThat(proxied.url(internal)).isEqualTo("https://mycompany.com/myapp.php?foo=1&bar=2");
        assertThat(proxied.valid(internal, PARAMETERS, MAIN)).isTrue();
    }

    private static MockHttpServletRequest request(String scheme, int port) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/myapp.php");
        request.setScheme(scheme);
        request.setServerName("mycompany.com");
        request.setServerPort(port);
        request.setQueryString("foo=1&bar=2");
        return request;
    }

    private static SmsProperties properties(String authToken, URI webhookBaseUrl) {
        return new SmsProperties(authToken == null ? null : "AC00000000000000000000000000000001", authToken,
                "+4759446622", null, null, null, webhookBaseUrl, null, null);
    }
}
