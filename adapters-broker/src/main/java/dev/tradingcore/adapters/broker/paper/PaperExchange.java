package dev.tradingcore.adapters.broker.paper;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tradingcore.adapters.broker.simulated.Fault;
import dev.tradingcore.adapters.broker.simulated.FaultPlan;
import dev.tradingcore.adapters.broker.simulated.DurableState;
import dev.tradingcore.adapters.broker.simulated.ExchangeStopped;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulation served over HTTP in the shapes of the Alpaca Trader API v2, so that the REST adapter can trade
 * against it and the core can be killed and restarted while the exchange lives on.
 *
 * <p>What it answers is {@link TraderApi}'s; this class adds the socket, the price steps, the saves and the injected
 * faults of the HTTP side (an injected fault is drawn only for an authorized request to an endpoint).
 *
 * <p>Prices step on a scheduler every {@code stepInterval} (or only when {@link #exchange()}'s {@code step()} is
 * called, with a zero interval).
 *
 * <p>Durable when started with a {@link DurableState}: every order, cancel and fill is in its journal, forced to disk,
 * before it is answered or shown, so a SIGKILL takes back nothing acknowledged and a restart on the same state
 * continues with all of it. Every {@code saveInterval} the journal's size is looked at, and a checkpoint taken when
 * it is due; {@link #close()} takes one too. When the journal fails, the exchange answers 503 to everything.
 */
public final class PaperExchange implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PaperExchange.class);

    private final SimulatedExchange exchange;
    private final PaperExchangeConfig config;
    private final Option<DurableState> durable;
    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService scheduler;
    private final TraderApi api;

    private PaperExchange(SimulatedExchange exchange, PaperExchangeConfig config, Option<DurableState> durable,
            Clock clock) throws IOException {
        this.exchange = exchange;
        this.config = config;
        this.durable = durable;
        this.api = new TraderApi(exchange, config.keyId(), config.secretKey(), clock.instant());
        this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.threads(), runnable -> {
            Thread thread = new Thread(runnable, "paper-exchange-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "paper-exchange-steps");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    /** Starts serving {@code exchange}, in memory only: what it has is gone when the process ends. */
    public static PaperExchange start(SimulatedExchange exchange, PaperExchangeConfig config, Clock clock)
            throws IOException {
        return serve(exchange, config, Option.none(), clock);
    }

    /**
     * Starts serving the exchange of {@code state} (opened with {@link DurableState#open}), durably; closing the paper
     * exchange closes the state.
     */
    public static PaperExchange start(DurableState state, PaperExchangeConfig config, Clock clock)
            throws IOException {
        return serve(state.exchange(), config, Option.some(state), clock);
    }

    private static PaperExchange serve(SimulatedExchange exchange, PaperExchangeConfig config,
            Option<DurableState> durable, Clock clock) throws IOException {
        PaperExchange paper = new PaperExchange(exchange, config, durable, clock);
        paper.server.start();
        if (!config.stepInterval().isZero()) {
            long millis = config.stepInterval().toMillis();
            paper.scheduler.scheduleWithFixedDelay(paper::step, millis, millis, TimeUnit.MILLISECONDS);
        }
        if (durable.isDefined()) {
            long millis = config.saveInterval().toMillis();
            paper.scheduler.scheduleWithFixedDelay(paper::checkpointIfDue, millis, millis, TimeUnit.MILLISECONDS);
        }
        LOG.info("paper exchange listening on {} (seed {}, step every {} ms{})", paper.uri(),
                exchange.config().seed(), config.stepInterval().toMillis(),
                durable.map(f -> ", state in " + f.path() + " with its journal").getOrElse(", in memory only"));
        return paper;
    }

    /** The base URL to give the REST adapter, e.g. {@code http://127.0.0.1:8089}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    public SimulatedExchange exchange() {
        return exchange;
    }

    public FaultPlan faults() {
        return config.faults();
    }

    private void step() {
        try {
            exchange.step();
        } catch (ExchangeStopped stopped) {
            LOG.error("the exchange stopped: no more steps", stopped);
            scheduler.shutdown();
        } catch (RuntimeException e) {
            LOG.error("a simulation step failed", e);
        }
    }

    private void checkpointIfDue() {
        try {
            durable.forEach(DurableState::checkpointIfDue);
        } catch (RuntimeException e) {
            LOG.error("could not checkpoint the exchange state (its journal still holds every change)", e);
        }
    }

    /** Takes a checkpoint now (no-op in memory): the state file then holds everything, the journal nothing. */
    public void checkpoint() {
        durable.forEach(DurableState::checkpoint);
    }

    /**
     * Stops serving and stepping, lets the requests under way finish (so that none is cut between its journal write
     * and its answer), and closes the state with a last checkpoint.
     */
    @Override
    public void close() {
        URI uri = uri();
        server.stop(0);
        scheduler.shutdown();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS) || !scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("requests of the paper exchange on {} were still running at stop", uri);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
        scheduler.shutdownNow();
        durable.forEach(DurableState::close);
        LOG.info("paper exchange on {} stopped", uri);
    }

    // ------------------------------------------------------------------------------------------------- HTTP

    private void handle(HttpExchange http) throws IOException {
        try (http) {
            String method = http.getRequestMethod();
            String path = http.getRequestURI().getRawPath();
            Map<String, String> headers = new HashMap<>();
            http.getRequestHeaders().forEach((name, values) -> {
                if (!values.isEmpty()) {
                    headers.put(name, values.get(0));
                }
            });
            byte[] body;
            try (InputStream in = http.getRequestBody()) {
                body = in.readNBytes(64 * 1024);
            }
            TraderApi.Request request = new TraderApi.Request(method, path, http.getRequestURI().getRawQuery(),
                    headers, body);
            Option<Fault> fault = api.authorizes(request) ? TraderApi.operationOf(method, path)
                    .flatMap(operation -> config.faults().next(operation)) : Option.none();
            if (fault.contains(Fault.SERVER_ERROR)) {
                respond(http, 500, AlpacaShapes.error(50010000L, "internal server error (injected fault)"));
                return;
            }
            if (fault.contains(Fault.RATE_LIMITED)) {
                http.getResponseHeaders().add("Retry-After", "1");
                respond(http, 429, AlpacaShapes.error(42910000L, "rate limit exceeded (injected fault)"));
                return;
            }
            TraderApi.Response response = api.handle(request);
            if (fault.contains(Fault.RESPONSE_DROPPED)) {
                LOG.info("dropping the answer to {} {} (injected fault)", method, path);
                return;
            }
            if (fault.contains(Fault.TIMEOUT)) {
                Thread.sleep(config.faults().delay());
            }
            response.headers().forEach((name, value) -> http.getResponseHeaders().add(name, value));
            respond(http, response.status(), response.body().getOrNull());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExchangeStopped e) {
            LOG.error("paper exchange stopped; refused {} {}", http.getRequestMethod(), http.getRequestURI());
            respond(http, 503, AlpacaShapes.error(50310000L, e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("paper exchange failed on {} {}", http.getRequestMethod(), http.getRequestURI(), e);
            respond(http, 500, AlpacaShapes.error(50010000L, "internal server error"));
        }
    }

    private static void respond(HttpExchange http, int status, JsonNode body) throws IOException {
        if (body == null) {
            http.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = AlpacaShapes.JSON.writeValueAsBytes(body);
        http.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        http.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = http.getResponseBody()) {
            out.write(bytes);
        }
    }

}
