package io.overdue.benchmark;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A user's browser session on the workbench (its login form, its cookie, its CSRF token) for the benchmarks of pages,
 * and how they time a page: unmeasured requests first, then the measured ones one after another.
 */
final class PageSession {

    interface Request {
        HttpResponse<String> send() throws Exception;
    }

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private final String user;
    private final String password;

    PageSession(int port, String user, String password) {
        this.port = port;
        this.user = user;
        this.password = password;
    }

    void login() throws Exception {
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get("/workbench/login").body());
        assertTrue(csrf.find(), "CSRF token on the login page");
        HttpResponse<String> login = client.send(HttpRequest.newBuilder(uri("/workbench/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + password + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(login.headers().firstValue("Location").orElse("").endsWith("/workbench"), "logged in");
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The same user with HTTP basic auth, as the engine's REST API (and Tasklist) is called. */
    HttpResponse<String> basic(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A result line: the page, then median, 95th percentile and maximum in milliseconds; anything but 200 fails. */
    static String measure(String page, int warmUps, int requests, Request request) throws Exception {
        for (int i = 0; i < warmUps; i++) {
            HttpResponse<String> response = request.send();
            assertEquals(200, response.statusCode(), page + ": " + response.body());
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            long started = System.nanoTime();
            HttpResponse<String> response = request.send();
            millis.add((System.nanoTime() - started) / 1e6);
            assertEquals(200, response.statusCode(), page);
        }
        Collections.sort(millis);
        return String.format("  %-90s %8.1f %8.1f %8.1f", page, millis.get(millis.size() / 2),
                millis.get((int) Math.ceil(millis.size() * 0.95) - 1), millis.get(millis.size() - 1));
    }

    /** Prints the measured lines under a heading, as the figures in docs/performance.md are read off. */
    static void printResults(String heading, String column, List<String> lines) {
        System.out.printf("%nResults (ms per request, sequential, %s):%n", heading);
        System.out.printf("  %-90s %8s %8s %8s%n", column, "median", "p95", "max");
        lines.forEach(System.out::println);
        BenchmarkSupport.printHeap();
    }
}
