package dev.tradingcore.bootstrap.monitoring;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.bootstrap.config.Settings;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The process's metrics and health over HTTP (the JDK's server, two threads): {@code GET /metrics} in Prometheus'
 * text format, {@code /health/live} (200 while the process serves), {@code /health/ready} (200 once ready, 503 with
 * the reason before). Listens on loopback unless {@code METRICS_BIND} says otherwise.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MetricsEndpoint.class);

    private final HttpServer server;
    private final ExecutorService threads;
    private final JvmGcMetrics gc;

    private MetricsEndpoint(HttpServer server, ExecutorService threads, JvmGcMetrics gc) {
        this.server = server;
        this.threads = threads;
        this.gc = gc;
    }

    /** A registry in Prometheus' format with the JVM's binders (memory, GC, threads, classes, CPU, uptime). */
    public static PrometheusMeterRegistry registry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /**
     * Serves {@code registry} when {@code settings} give a port; empty otherwise.
     *
     * @param notReady why the process is not ready now, empty once it is
     * @throws IOException the port is taken or the address is not this machine's
     */
    public static Optional<MetricsEndpoint> start(Settings.Metrics settings, PrometheusMeterRegistry registry,
            Supplier<Optional<String>> notReady) throws IOException {
        if (settings.port().isEmpty()) {
            return Optional.empty();
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port().get()), 16);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        server.createContext("/metrics", exchange -> answer(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", registry::scrape));
        server.createContext("/health/live", exchange -> answer(exchange, 200, "text/plain; charset=utf-8",
                () -> "live\n"));
        server.createContext("/health/ready", exchange -> {
            Optional<String> why = notReady.get();
            answer(exchange, why.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
                    () -> why.map(w -> "not ready: " + w + "\n").orElse("ready\n"));
        });
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "metrics-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.start();
        LOG.info("metrics on http://{}:{}/metrics", settings.bind(), server.getAddress().getPort());
        return Optional.of(new MetricsEndpoint(server, threads, gc));
    }

    private static void answer(HttpExchange exchange, int status, String type, Supplier<String> body)
            throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes;
            int code = status;
            try {
                bytes = body.get().getBytes(StandardCharsets.UTF_8);
            } catch (RuntimeException failed) {
                LOG.warn("answering {} failed", exchange.getRequestURI(), failed);
                bytes = ("failed: " + failed + "\n").getBytes(StandardCharsets.UTF_8);
                code = 500;
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(code, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Where it listens (the port chosen when 0 was asked). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        gc.close();
    }
}
