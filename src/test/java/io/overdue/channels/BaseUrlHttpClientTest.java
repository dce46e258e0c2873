package io.overdue.channels;

import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Requests keep everything but their origin, which becomes the configured base URL. */
class BaseUrlHttpClientTest {

    private static Request messageRequest() {
        Request request = new Request(HttpMethod.POST, "api", "/2010-04-01/Accounts/AC1/Messages.json");
        request.addPostParam("To", "+4791234567");
        request.addPostParam("Body", "Pay 12 345,50 NOK");
        request.addQueryParam("PageSize", "1");
        request.addHeaderParam("X-Test", "yes");
        request.setAuth("AC1", "token");
        return request;
    }

    @Test
    void theRequestGoesToTheBaseUrlUnderItsPath() throws Exception {
        try (BaseUrlHttpClient client = new BaseUrlHttpClient(URI.create("http://localhost:8089/twilio/"))) {
            Request copy = client.rewrite(messageRequest());

            assertThat(copy.constructURL()).hasToString("http://localhost:8089/twilio/2010-04-01/Accounts/AC1/Messages.json?PageSize=1");
            assertThat(copy.getPostParams()).containsEntry("To", List.of("+4791234567"))
                    .containsEntry("Body", List.of("Pay 12 345,50 NOK"));
            assertThat(copy.getHeaderParams()).containsEntry("X-Test", List.of("yes"));
            assertThat(copy.getAuthString()).isEqualTo(messageRequest().getAuthString());
            assertThat(copy.getMethod()).isEqualTo(HttpMethod.POST);
        }
    }

    @Test
    void twilioItselfNeedsNoRewriting() throws Exception {
        Request request = messageRequest();
        try (BaseUrlHttpClient client = new BaseUrlHttpClient(SmsProperties.TWILIO_API)) {
            assertThat(client.rewrite(request)).isSameAs(request);
        }
    }
}
