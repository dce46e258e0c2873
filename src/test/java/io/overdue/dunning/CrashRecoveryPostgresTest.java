package io.overdue.dunning;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import io.overdue.support.PostgresTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application killed with {@code kill -9} while a wave of reminders is being sent, then started again: every case
 * receives its notice exactly once, counted where it arrives, at a real SMTP server (GreenMail) and at an emulated
 * Twilio API. The application runs as a process of its own, on a PostgreSQL database of its own
 * ({@value #DATABASE}), with its job executor and outbox senders on, as in production; a manager's policy change
 * (deployed through the REST API) sends level 1 by email and SMS, so that both channels are in the wave.
 */
@PostgresTest
class CrashRecoveryPostgresTest {

    static final String DATABASE = "overdue_crash";
    static final int CASES = 100;
    static final String SID = "AC00000000000000000000000000c4a5h";
    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private final List<Process> processes = new ArrayList<>();
    private final List<Map<String, String>> smsReceived = new CopyOnWriteArrayList<>();
    private GreenMail smtp;
    private HttpServer twilio;

    @AfterEach
    void stopEverything() {
        processes.forEach(Process::destroyForcibly);
        if (smtp != null) {
            smtp.stop();
        }
        if (twilio != null) {
            twilio.stop(0);
        }
    }

    @Test
    void aWaveInterruptedByKillDashNineReachesEveryCustomerOnce() throws Exception {
        recreateDatabase();
        smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        twilio = twilioEmulator();
        int port = freePort();
        List<String> command = command(port);

        Process first = start(command, "first");
        awaitUp(port, first);
        deployPolicyWithSmsAtLevelOne(port);
        List<String> invoices = postOverdueInvoices(port);

        // Kill it in the middle of the wave: some of the customers have their email, most have not.
        await(Duration.ofSeconds(120), () -> smtp.getReceivedMessages().length >= CASES / 4, "a quarter of the emails");
        first.destroyForcibly().waitFor();
        int emailsAtKill = smtp.getReceivedMessages().length;
        int smsAtKill = smsReceived.size();
        assertThat(emailsAtKill).as("killed mid-wave").isLessThan(CASES);

        Process second = start(command, "second");
        awaitUp(port, second);
        await(Duration.ofSeconds(240), () -> everyNoticeDelivered(invoices), "every notice delivered after the restart");
        second.destroy();
        second.waitFor();

        Map<String, Object> rows = outbox(invoices);
        @SuppressWarnings("unchecked") Map<String, String> emailIds = (Map<String, String>) rows.get("EMAIL");
        @SuppressWarnings("unchecked") Map<String, String> smsNumbers = (Map<String, String>) rows.get("SMS");
        assertThat(emailIds).hasSize(CASES);
        assertThat(smsNumbers).hasSize(CASES);

        Map<String, Long> emailsById = Stream.of(smtp.getReceivedMessages()).map(CrashRecoveryPostgresTest::messageId)
                .filter(emailIds::containsValue).collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        Map<String, Long> smsByNumber = smsReceived.stream().map(sms -> sms.get("To"))
                .filter(smsNumbers::containsValue).collect(Collectors.groupingBy(to -> to, Collectors.counting()));
        long emailsInDoubt = log("second").lines().filter(line -> line.contains("was in doubt") && line.contains("same Message-ID")).count();

        System.out.printf("kill -9 after %d emails and %d SMS; after the restart: %d emails, %d SMS; emails in doubt: %d%n",
                emailsAtKill, smsAtKill, emailsById.values().stream().mapToLong(Long::longValue).sum(),
                smsByNumber.values().stream().mapToLong(Long::longValue).sum(), emailsInDoubt);
        assertThat(smsByNumber).as("every SMS arrived, once").hasSize(CASES).allSatisfy((to, count) -> assertThat(count).isEqualTo(1));
        assertThat(emailsById).as("every email arrived").hasSize(CASES);
        // An email whose sender died while handing it over is in doubt and is sent again with its Message-ID: no mail
        // server can be asked whether it took it (docs/channels.md). When the server had taken it (the kill fell between
        // its "250 OK" and our commit), that is a copy, the only kind there may be.
        assertThat(emailsById.values().stream().mapToLong(count -> count - 1).sum())
                .as("copies, each an email in doubt sent again with the same Message-ID").isLessThanOrEqualTo(emailsInDoubt);
        assertThat(emailsInDoubt).as("at most one per sending thread").isLessThanOrEqualTo(9);
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement();
             ResultSet notices = sql.executeQuery("SELECT count(*), count(DISTINCT invoice_number) FROM dunning_notice "
                     + "WHERE invoice_number LIKE 'CRASH-%'")) {
            notices.next();
            assertThat(notices.getInt(1)).as("one notice, and one fee, per case").isEqualTo(CASES);
            assertThat(notices.getInt(2)).isEqualTo(CASES);
        }
    }

    // ---------------------------------------------------------------- the application as a process

    private List<String> command(int port) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx768m", "-XX:TieredStopAtLevel=1", "-cp", applicationClasspath(),
                "io.overdue.OverdueApplication"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", String.valueOf(port));
        settings.put("spring.datasource.url", databaseUrl(DATABASE));
        settings.put("spring.datasource.username", PostgresTest.Database.user());
        settings.put("spring.datasource.password", PostgresTest.Database.password());
        settings.put("overdue.demo.enabled", "true");
        settings.put("overdue.mail.enabled", "true");
        settings.put("spring.mail.host", "127.0.0.1");
        settings.put("spring.mail.port", String.valueOf(smtp.getSmtp().getPort()));
        settings.put("overdue.sms.api-base-url", "http://127.0.0.1:" + twilio.getAddress().getPort());
        settings.put("overdue.sms.account-sid", SID);
        settings.put("overdue.sms.auth-token", "crash-token");
        settings.put("overdue.sms.from", "+4759446622");
        // Reminders go when due, whatever the hour of the test run.
        settings.put("overdue.dunning.contact-hours", "false");
        // A wave of a few seconds to kill it in; a dead sender's message and a dead node's jobs taken over quickly.
        settings.put("overdue.outbox.per-second", "25");
        settings.put("overdue.outbox.lease", "PT5S");
        settings.put("overdue.outbox.poll-interval", "PT1S");
        // Reminders wait a moment for the customer's other notices (one invoice each here), then the senders take them.
        settings.put("overdue.outbox.bundle-window", "PT2S");
        settings.put("camunda.bpm.job-execution.lock-time-in-millis", "10000");
        settings.put("spring.main.banner-mode", "off");
        settings.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** The application's classes and dependencies, without the tests': the surefire booter's manifest lists them. */
    private static String applicationClasspath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (entry.endsWith(".jar") && entry.contains("surefire")) {
                try (JarFile jar = new JarFile(entry)) {
                    Manifest manifest = jar.getManifest();
                    String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
                    if (listed != null) {
                        for (String url : listed.trim().split("\\s+")) {
                            entries.add(Path.of(URI.create(url)).toString());
                        }
                        continue;
                    }
                }
            }
            entries.add(entry);
        }
        return entries.stream().filter(entry -> !entry.contains("test-classes") && !entry.contains("surefire"))
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private Process start(List<String> command, String name) throws IOException {
        Path log = logFile(name);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        processes.add(process);
        return process;
    }

    private static Path logFile(String name) {
        return Path.of("target", "crash-recovery", name + ".log");
    }

    private static String log(String name) throws IOException {
        return Files.readString(logFile(name));
    }

    private static void awaitUp(int port, Process process) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await(Duration.ofSeconds(180), () -> {
            assertThat(process.isAlive()).as("the application is running (see target/crash-recovery)").isTrue();
            try {
                return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, "the application to start");
    }

    // ---------------------------------------------------------------- what the ERP and a manager do

    /** A manager's change, deployed as Cockpit or the Modeler would: Norway's level 1 by email and SMS. */
    private static void deployPolicyWithSmsAtLevelOne(int port) throws Exception {
        String policy = Files.readString(Path.of("bpmn", "dunning-policy.dmn"));
        int rule = policy.indexOf("<rule id=\"Rule_NO_1_Reminder\">");
        int end = policy.indexOf("</rule>", rule);
        String changed = policy.substring(rule, end).replace("<text>\"EMAIL\"</text>", "<text>\"EMAIL,SMS\"</text>")
                .replace("<text>\"reminder-1\"</text>", "<text>\"reminder-2\"</text>");
        assertThat(changed).contains("EMAIL,SMS", "reminder-2");
        policy = policy.substring(0, rule) + changed + policy.substring(end);
        String boundary = "----crash" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\ncrash-test-policy\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"dunning-policy.dmn\"\r\n"
                + "Content-Type: application/xml\r\n\r\n" + policy + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
                .header("Authorization", basic("demo", "demo"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static List<String> postOverdueInvoices(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        LocalDate today = LocalDate.now(OSLO);
        List<String> invoices = new ArrayList<>();
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < CASES; i++) {
            String customer = "CRASH-C" + i;
            String phone = "+4799" + String.format("%06d", i);
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/customers/" + customer))
                    .header("Authorization", basic("erp", "erp")).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("""
                            {"name": "Kunde %d", "kind": "CONSUMER", "country": "NO", "language": "nb",
                             "email": "kunde%d@crash.example", "phone": "%s"}""".formatted(i, i, phone))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isBetween(200, 201);
            String invoice = "CRASH-" + i;
            invoices.add(invoice);
            batch.append(i == 0 ? "" : ",").append("""
                    {"invoiceNumber": "%s", "customerNumber": "%s", "issueDate": "%s", "dueDate": "%s",
                     "currency": "NOK", "amount": %d.00}""".formatted(invoice, customer, today.minusDays(40),
                    today.minusDays(20), 1000 + i));
        }
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/invoices/batch"))
                .header("Authorization", basic("erp", "erp")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        return invoices;
    }

    // ---------------------------------------------------------------- the database of the application

    private static void recreateDatabase() throws SQLException {
        try (Connection db = DriverManager.getConnection(PostgresTest.Database.url(), PostgresTest.Database.user(),
                PostgresTest.Database.password()); Statement sql = db.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            sql.execute("CREATE DATABASE " + DATABASE);
        }
    }

    private static String databaseUrl(String database) {
        String url = PostgresTest.Database.url();
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : url.substring(query));
    }

    private static Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(databaseUrl(database), PostgresTest.Database.user(), PostgresTest.Database.password());
    }

    private static boolean everyNoticeDelivered(List<String> invoices) {
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement();
             ResultSet counts = sql.executeQuery("""
                     SELECT count(*) FILTER (WHERE status = 'SENT'), count(*) FROM outbox_message
                     WHERE invoice_number LIKE 'CRASH-%'""")) {
            counts.next();
            return counts.getInt(1) == 2 * invoices.size() && counts.getInt(2) == 2 * invoices.size();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Per channel: each invoice's email Message-ID, and each invoice's SMS number. */
    private static Map<String, Object> outbox(List<String> invoices) throws SQLException {
        Map<String, String> emails = new HashMap<>();
        Map<String, String> sms = new HashMap<>();
        try (Connection db = connect(DATABASE); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT invoice_number, channel, message_id, recipient FROM outbox_message "
                     + "WHERE invoice_number LIKE 'CRASH-%'")) {
            while (rows.next()) {
                if ("EMAIL".equals(rows.getString("channel"))) {
                    emails.put(rows.getString("invoice_number"), rows.getString("message_id"));
                } else {
                    sms.put(rows.getString("invoice_number"), rows.getString("recipient"));
                }
            }
        }
        assertThat(emails.keySet()).containsExactlyInAnyOrderElementsOf(invoices);
        return Map.of("EMAIL", emails, "SMS", sms);
    }

    // ---------------------------------------------------------------- Twilio, emulated over HTTP

    /** Creates messages (recording each) and lists them by recipient, as Twilio's Messages resource does. */
    private HttpServer twilioEmulator() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String path = "/2010-04-01/Accounts/" + SID + "/Messages.json";
        server.createContext(path, exchange -> {
            String json;
            int status;
            if ("POST".equals(exchange.getRequestMethod())) {
                Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                form.put("sid", "SM" + UUID.randomUUID().toString().replace("-", ""));
                smsReceived.add(form);
                json = message(form);
                status = 201;
            } else {
                Map<String, String> query = form(Objects.requireNonNullElse(exchange.getRequestURI().getRawQuery(), ""));
                json = "{\"messages\": [" + smsReceived.stream().filter(sms -> sms.get("To").equals(query.get("To")))
                        .map(CrashRecoveryPostgresTest::message).collect(Collectors.joining(",")) + "], \"first_page_uri\": \""
                        + path + "\", \"next_page_uri\": null, \"previous_page_uri\": null, \"page\": 0, \"page_size\": 100, "
                        + "\"uri\": \"" + path + "\"}";
                status = 200;
            }
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private static String message(Map<String, String> sms) {
        return "{\"account_sid\": \"" + SID + "\", \"api_version\": \"2010-04-01\", \"sid\": \"" + sms.get("sid")
                + "\", \"status\": \"queued\", \"to\": \"" + sms.get("To") + "\", \"from\": \"+4759446622\", \"body\": "
                + com.fasterxml.jackson.databind.node.TextNode.valueOf(sms.get("Body")) + "}";
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> form = new HashMap<>();
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    // ---------------------------------------------------------------- small things

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(Duration timeout, BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(200);
        }
    }
}
