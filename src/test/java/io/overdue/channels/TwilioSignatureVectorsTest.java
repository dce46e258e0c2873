package io.overdue.channels;

import com.twilio.security.RequestValidator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SDK's RequestValidator accepts Twilio's published X-Twilio-Signature vectors
 * (shared/testdata/twilio/signature-vectors.md), ahead of validating status callbacks.
 */
class TwilioSignatureVectorsTest {

    private static final RequestValidator VALIDATOR = new RequestValidator("12345");
    private static final Map<String, String> PARAMS = Map.of("CallSid", "CA1234567890ABCDE", "Caller", "+14158675309",
            "Digits", "1234", "From", "+14158675309", "To", "+18005551212");
    private static final String BODY = "{\"property\": \"value\", \"boolean\": true}";
    private static final String BODY_SHA256 = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            main                   | https://mycompany.com/myapp.php?foo=1&bar=2      | RSOYDt4T1cUTdK1PDd93/VVr8B8=    | true
            wrong signature        | https://mycompany.com/myapp.php?foo=1&bar=2      | NOTRSOYDt4T1cUTdK1PDd93/VVr8B8= | false
            https with :1234       | https://mycompany.com:1234/myapp.php?foo=1&bar=2 | RSOYDt4T1cUTdK1PDd93/VVr8B8=    | true
            http with :1234        | http://mycompany.com:1234/myapp.php?foo=1&bar=2  | Zmvh+3yNM1Phv2jhDCwEM3q5ebU=    | true
            https signed with :443 | https://mycompany.com/myapp.php?foo=1&bar=2      | kvajT1Ptam85bY51eRf/AJRuM3w=    | true
            http signed with :80   | http://mycompany.com/myapp.php?foo=1&bar=2       | 0ZXoZLH/DfblKGATFgpif+LLRf4=    | true
            """)
    void formParameters(String vector, String url, String signature, boolean valid) {
        assertThat(VALIDATOR.validate(url, PARAMS, signature)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            with other query params     | https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620 | a9nBmqA0ju/hNViExpshrM61xv4= | true
            bodySHA256 only             | https://mycompany.com/myapp.php?bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620             | y77kIzt2vzLz71DgmJGsen2scGs= | true
            URL without bodySHA256      | https://mycompany.com/myapp.php?foo=1&bar=2                                                                             | RSOYDt4T1cUTdK1PDd93/VVr8B8= | false
            """)
    void jsonBody(String vector, String url, String signature, boolean valid) throws Exception {
        assertThat(VALIDATOR.validate(url, BODY, signature)).isEqualTo(valid);
    }

    @Test
    void bodyHash() {
        assertThat(VALIDATOR.validateBody(BODY, BODY_SHA256)).isTrue();
        assertThat(VALIDATOR.validateBody(BODY, "WRONG")).isFalse();
    }
}
