package dev.tradingcore.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The person on call, as a webhook on loopback that every alert of every severity is sent to
 * ({@code alerts.webhook-url}, {@code alerts.webhook-min-severity=INFO}): what a user would be paged with.
 */
final class Pager implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One page: its severity and title. */
    record Page(String severity, String title, String message) {
        @Override
        public String toString() {
            return severity + " " + title + ": " + message;
        }
    }

    private final HttpServer server;
    private final List<Page> pages = new CopyOnWriteArrayList<>();

    Pager() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            JsonNode alert = JSON.readTree(exchange.getRequestBody());
            pages.add(new Page(alert.path("severity").asText(), alert.path("title").asText(),
                    alert.path("message").asText()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    /** The settings that send every alert here. */
    List<String> settings() {
        return List.of("--set", "alerts.webhook-url=" + url(), "--set", "alerts.webhook-min-severity=INFO");
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every page received so far, and forgets them. */
    List<Page> take() {
        List<Page> taken = List.copyOf(pages);
        pages.removeAll(taken);
        return taken;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
