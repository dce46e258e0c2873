package io.overdue.channels;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;

/**
 * The SDK's HTTP client, sending every request to a configured base URL instead of the host the SDK chose
 * (the SDK has no setting for it), so that tests and staging can use a Twilio-compatible server.
 *
 * <p>It also makes one attempt per request, instead of the SDK's three on a 5xx and Apache HttpClient's own repeat
 * of a request answered 429 or 503: the outbox is the one retry policy (with back-off and jitter, ending in an
 * incident), and a quick repeat of the POST that creates a message is one more chance to send it twice.
 */
final class BaseUrlHttpClient extends NetworkHttpClient implements AutoCloseable {

    private final URI baseUrl;

    BaseUrlHttpClient(URI baseUrl) {
        super(HttpClientBuilder.create()
                .setDefaultRequestConfig(DEFAULT_REQUEST_CONFIG)
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultSocketConfig(DEFAULT_SOCKET_CONFIG).setMaxConnTotal(10).setMaxConnPerRoute(10).build())
                .disableAutomaticRetries());
        this.baseUrl = baseUrl;
    }

    @Override
    public Response reliableRequest(Request request) {
        return reliableRequest(request, RETRY_CODES, 1, 0);
    }

    @Override
    public Response makeRequest(Request request) {
        return super.makeRequest(rewrite(request));
    }

    Request rewrite(Request request) {
        URL original;
        try {
            original = new URL(request.getUrl());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("the Twilio SDK built a bad URL: " + request.getUrl(), e);
        }
        if (baseUrl.equals(SmsProperties.TWILIO_API)) {
            return request;
        }
        String prefix = baseUrl.getPath() == null ? "" : baseUrl.getPath().replaceAll("/+$", "");
        String port = baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort();
        // The decoded path, because the copy encodes each segment again when it builds its URL.
        Request copy = new Request(request.getMethod(),
                baseUrl.getScheme() + "://" + baseUrl.getHost() + port + prefix + original.getPath());
        request.getQueryParams().forEach((name, values) -> values.forEach(v -> copy.addQueryParam(name, v)));
        request.getPostParams().forEach((name, values) -> values.forEach(v -> copy.addPostParam(name, v)));
        request.getHeaderParams().forEach((name, values) -> values.forEach(v -> copy.addHeaderParam(name, v)));
        if (request.getAuthStrategy() != null) {
            copy.setAuth(request.getAuthStrategy());
        } else if (request.getUsername() != null) {
            copy.setAuth(request.getUsername(), request.getPassword());
        }
        copy.setContentType(request.getContentType());
        copy.setBody(request.getBody());
        copy.setFormParameters(request.getFormParameters());
        copy.setUserAgentExtensions(request.getUserAgentExtensions());
        return copy;
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
