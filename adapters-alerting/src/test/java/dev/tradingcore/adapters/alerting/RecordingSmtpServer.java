package dev.tradingcore.adapters.alerting;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server on loopback: it speaks the dialogue line by line and records each accepted message (envelope
 * and DATA, dot-stuffing undone). Its behaviour per connection is scripted: accept, answer DATA with a transient 451
 * for the first n connections, refuse the recipient with 550, or say nothing at all.
 */
final class RecordingSmtpServer implements AutoCloseable {

    enum Mode { ACCEPT, SILENT, REJECT_RECIPIENT }

    record Message(String heloLine, String mailFrom, List<String> recipients, String data) {

        /** A header's value, or null. */
        String header(String name) {
            for (String line : data.split("\r\n")) {
                if (line.isEmpty()) {
                    return null;
                }
                if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return null;
        }

        String body() {
            int at = data.indexOf("\r\n\r\n");
            return data.substring(at + 4);
        }
    }

    private final ServerSocket socket;
    private final Mode mode;
    private final int transientFailures;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    RecordingSmtpServer(Mode mode, int transientFailures) {
        this.mode = mode;
        this.transientFailures = transientFailures;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "test-smtp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static RecordingSmtpServer accepting() {
        return new RecordingSmtpServer(Mode.ACCEPT, 0);
    }

    int port() {
        return socket.getLocalPort();
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<String> commands() {
        return List.copyOf(commands);
    }

    int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                int number = connections.incrementAndGet();
                Thread session = new Thread(() -> serve(client, number), "test-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client, int number) {
        try (client) {
            if (mode == Mode.SILENT) {
                // Accept the connection and never say a word: the client must give up on its own.
                client.getInputStream().read();
                return;
            }
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.UTF_8));
            OutputStream out = client.getOutputStream();
            say(out, "220-test.local ESMTP ready", "220 test.local");
            String helo = null;
            String from = null;
            List<String> to = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                commands.add(line);
                String upper = line.toUpperCase(java.util.Locale.ROOT);
                if (upper.startsWith("EHLO") || upper.startsWith("HELO")) {
                    helo = line;
                    say(out, "250-test.local greets you", "250-8BITMIME", "250 SIZE 1000000");
                } else if (upper.startsWith("MAIL FROM:")) {
                    from = line.substring("MAIL FROM:".length()).strip();
                    say(out, "250 OK");
                } else if (upper.startsWith("RCPT TO:")) {
                    if (mode == Mode.REJECT_RECIPIENT) {
                        say(out, "550 5.1.1 no such user");
                    } else {
                        to.add(line.substring("RCPT TO:".length()).strip());
                        say(out, "250 OK");
                    }
                } else if (upper.equals("DATA")) {
                    say(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    String dataLine;
                    while ((dataLine = in.readLine()) != null && !dataLine.equals(".")) {
                        data.append(dataLine.startsWith("..") ? dataLine.substring(1) : dataLine).append("\r\n");
                    }
                    if (number <= transientFailures) {
                        say(out, "451 4.3.0 try again later");
                    } else {
                        messages.add(new Message(helo, from, List.copyOf(to), data.toString()));
                        say(out, "250 OK queued");
                    }
                } else if (upper.equals("QUIT")) {
                    say(out, "221 bye");
                    return;
                } else {
                    say(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // The client hung up: nothing to record.
        }
    }

    private static void say(OutputStream out, String... lines) throws IOException {
        for (String l : lines) {
            out.write((l + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
    }
}
