package io.overdue.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local SMTP server that speaks enough of RFC 5321 for JavaMail (EHLO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), counts
 * the messages it accepts per recipient domain and keeps nothing else: a wave of 100,000 emails in GreenMail's memory
 * would measure GreenMail. It also counts the connections it accepted, can refuse a domain's recipients for good (550
 * at RCPT, a bounce) and can drop every open connection (as a server does at its idle timeout or restart).
 */
public final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "smtp-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final ConcurrentHashMap<String, AtomicInteger> byDomain = new ConcurrentHashMap<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    public SmtpSink() throws IOException {
        server = new ServerSocket(0, 100, InetAddress.getLoopbackAddress());
        connections.execute(this::accept);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages accepted for recipients in this domain. */
    public int received(String domain) {
        AtomicInteger count = byDomain.get(domain);
        return count == null ? 0 : count.get();
    }

    /** Connections accepted since start. */
    public int connections() {
        return accepted.get();
    }

    /** Recipients in this domain are refused for good from now on: 550 at RCPT. */
    public void refuse(String domain) {
        refused.add(domain);
    }

    /** Closes every open connection, as a server does at its idle timeout or a restart. */
    public void dropConnections() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                connections.execute(() -> session(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
             OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String domain = null;
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 sink");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 OK");
                    case "RCPT" -> {
                        int at = line.lastIndexOf('@');
                        String to = at < 0 ? "" : line.substring(at + 1).replace(">", "").trim();
                        if (refused.contains(to)) {
                            reply(out, "550 5.1.1 mailbox unavailable");
                        } else {
                            domain = to;
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        reply(out, "354 end with .");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message is not kept
                        }
                        byDomain.computeIfAbsent(domain == null ? "" : domain, d -> new AtomicInteger()).incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        } finally {
            open.remove(socket);
        }
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
