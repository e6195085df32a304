package dev.tradingcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The paper exchange as a process of its own, killed with SIGKILL right after it acknowledged something, and started
 * again on the same {@code --state}: it still has every order, cancel and fill it acknowledged, and it never hands an
 * id it gave one order to another.
 *
 * <p>Each round: a resting limit order is placed (200) and cancelled (204), the fills are read (200: acknowledged
 * too), a market order is placed, and the process is killed the moment its 200 arrives. The restarted exchange is then
 * asked for all of it. {@code -Dpaper-kill.rounds=N} for more rounds (default 15).
 *
 * <p>Sixteen JVM starts make most of the test's time: a warm-up exchange, stopped with SIGTERM, first writes a class
 * data sharing archive that the others start from (about half the start-up time; the exchange is the same).
 */
class PaperExchangeKillIT {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path jar = Path.of(System.getProperty("crash.jar", "target/trading-core.jar")).toAbsolutePath();
    private final Path directory = Path.of(System.getProperty("crash.work-directory", "target/crash-it"))
            .toAbsolutePath().resolve("paper-exchange-kill");
    private final List<ChildProcess> children = new ArrayList<>();

    /** An order the exchange acknowledged (200 to its POST), by its id and the client order id we gave it. */
    private record Acknowledged(int round, String id, String clientOrderId) {}

    private final List<Acknowledged> acknowledged = new ArrayList<>();
    /** The orders whose cancel it acknowledged (204). */
    private final List<String> cancelled = new ArrayList<>();
    /** Every fill it served, by activity id. */
    private final Map<String, ExchangeApi.Fill> fillsServed = new LinkedHashMap<>();
    /** Every order id the exchange ever showed, with the client order id it had then. */
    private final Map<String, String> clientOrderIdOf = new HashMap<>();
    /** What the restarted exchange no longer had, each acknowledgement once, with the round it was missed in. */
    private final Map<String, String> lost = new LinkedHashMap<>();
    private final List<String> reused = new ArrayList<>();

    @Test
    void killed_right_after_each_acknowledgement_it_keeps_what_it_acknowledged_and_never_reuses_an_id()
            throws Exception {
        assertThat(jar).as("the runnable jar (built by package)").isRegularFile();
        int rounds = Integer.getInteger("paper-kill.rounds", 15);
        recreate(directory);
        int port = freePort();
        ExchangeApi api = new ExchangeApi(URI.create("http://127.0.0.1:" + port), CrashScenario.KEY_ID,
                CrashScenario.SECRET_KEY);
        try {
            warmUp(port, api);
            ChildProcess exchange = start(0, port, api);
            for (int round = 1; round <= rounds; round++) {
                String resting = place(api, round, "{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\","
                        + "\"type\":\"limit\",\"limit_price\":\"1.00\",\"time_in_force\":\"gtc\","
                        + "\"client_order_id\":\"kill-" + round + "-resting\"}");
                assertThat(api.cancel(resting)).as("round %d: DELETE /v2/orders/%s", round, resting).isEqualTo(204);
                cancelled.add(resting);
                api.fills().forEach(f -> fillsServed.put(f.activityId(), f));

                ExchangeApi.Answer answer = api.submit("{\"symbol\":\"AAPL\",\"qty\":\"" + (1 + round % 3)
                        + "\",\"side\":\"buy\",\"type\":\"market\",\"time_in_force\":\"day\","
                        + "\"client_order_id\":\"kill-" + round + "-market\"}");
                if (answer.status() == 200) {
                    exchange.kill();
                }
                assertThat(answer.status()).as("round %d: POST /v2/orders answered %s", round, answer.body())
                        .isEqualTo(200);
                saw(round, answer.json().get("id").asText(), "kill-" + round + "-market", true);

                exchange = start(round, port, api);
                check(round, api);
            }
        } finally {
            children.forEach(ChildProcess::close);
        }
        long ordersLost = lost.keySet().stream().filter(key -> key.startsWith("order ")).count();
        CrashScenario.log("paper exchange kill test: " + rounds + " kills; acknowledged " + acknowledged.size()
                + " orders, " + cancelled.size() + " cancels, " + fillsServed.size() + " fills; lost " + ordersLost
                + " orders, " + (lost.size() - ordersLost) + " cancels or fills; " + reused.size()
                + " ids handed out twice");
        assertThat(lost.values()).as("acknowledged, then gone after a SIGKILL: %d of %d orders, and %d cancels or"
                + " fills", ordersLost, acknowledged.size(), lost.size() - ordersLost).isEmpty();
        assertThat(reused).as("ids handed out twice").isEmpty();
        assertThat(fillsServed).as("fills served across the rounds").hasSizeGreaterThanOrEqualTo(rounds - 1);
    }

    private String place(ExchangeApi api, int round, String json) {
        ExchangeApi.Answer answer = api.submit(json);
        assertThat(answer.status()).as("round %d: POST /v2/orders %s answered %s", round, json, answer.body())
                .isEqualTo(200);
        JsonNode order = answer.json();
        String id = order.get("id").asText();
        saw(round, id, order.get("client_order_id").asText(), true);
        return id;
    }

    /** Notes an order id the exchange showed; a known id with another client order id is an id handed out twice. */
    private void saw(int round, String id, String clientOrderId, boolean acknowledgedNow) {
        String before = clientOrderIdOf.putIfAbsent(id, clientOrderId);
        if (before != null && !before.equals(clientOrderId)) {
            reused.add("round " + round + ": order id " + id + " was " + before + "'s, now " + clientOrderId + "'s");
        }
        if (acknowledgedNow) {
            acknowledged.add(new Acknowledged(round, id, clientOrderId));
        }
    }

    /** After a restart: everything acknowledged is there, as acknowledged. */
    private void check(int round, ExchangeApi api) {
        for (Acknowledged ack : acknowledged) {
            Optional<ExchangeApi.Order> order = api.order(ack.id());
            if (order.isEmpty()) {
                lost.putIfAbsent("order " + ack, "round " + round + ": order " + ack.id() + " (" + ack.clientOrderId()
                        + ", acknowledged in round " + ack.round() + ") is gone");
            } else if (!ack.clientOrderId().equals(order.get().clientOrderId())) {
                lost.putIfAbsent("order " + ack, "round " + round + ": order " + ack.id() + " ("
                        + ack.clientOrderId() + ", acknowledged in round " + ack.round() + ") is now "
                        + order.get().clientOrderId());
            }
        }
        for (String id : cancelled) {
            Optional<ExchangeApi.Order> order = api.order(id);
            if (order.isEmpty() || !"canceled".equals(order.get().status())) {
                lost.putIfAbsent("cancel " + id, "round " + round + ": the cancel of " + id + " was acknowledged,"
                        + " the order is " + order.map(ExchangeApi.Order::status).orElse("gone"));
            }
        }
        Map<String, ExchangeApi.Fill> now = new LinkedHashMap<>();
        api.fills().forEach(f -> now.put(f.activityId(), f));
        fillsServed.forEach((activity, fill) -> {
            if (!fill.equals(now.get(activity))) {
                lost.putIfAbsent("fill " + activity, "round " + round + ": fill " + activity + " ("
                        + fill.quantity().toPlainString() + " @ " + fill.price().toPlainString() + ") is "
                        + (now.containsKey(activity) ? now.get(activity) : "gone"));
            }
        });
        List<ExchangeApi.Order> all = api.allOrders();
        all.forEach(o -> saw(round, o.id(), o.clientOrderId(), false));
        assertThat(all.stream().map(ExchangeApi.Order::id).distinct().count()).as("round %d: distinct order ids",
                round).isEqualTo(all.size());
        assertThat(now.values().stream().map(ExchangeApi.Fill::tradeId).distinct().count())
                .as("round %d: distinct execution ids", round).isEqualTo(now.size());
        BigDecimal bought = now.values().stream().map(ExchangeApi.Fill::quantity).reduce(BigDecimal.ZERO,
                BigDecimal::add);
        assertThat(api.positions().getOrDefault("AAPL", BigDecimal.ZERO)).as("round %d: the position is its fills",
                round).isEqualByComparingTo(bought);
    }

    /**
     * An exchange on a state of its own that takes one order and is stopped with SIGTERM, so that its JVM writes the
     * class data sharing archive the exchanges of the rounds start from.
     */
    private void warmUp(int port, ExchangeApi api) {
        ChildProcess warm = start("warm-up", List.of("-XX:ArchiveClassesAtExit=" + archive()), port, api,
                directory.resolve("warm-up").resolve("exchange-state.json"));
        assertThat(api.submit("{\"symbol\":\"AAPL\",\"qty\":\"1\",\"side\":\"buy\",\"type\":\"market\","
                + "\"time_in_force\":\"day\"}").status()).as("the warm-up's order").isEqualTo(200);
        api.fills();
        Optional<Integer> exit = warm.stop(Duration.ofSeconds(60));
        assertThat(exit).as("the warm-up exchange stopped on SIGTERM: %s", warm.describe())
                .hasValueSatisfying(code -> assertThat(code).isIn(0, 143));
    }

    private Path archive() {
        return directory.resolve("paper-exchange.jsa");
    }

    private ChildProcess start(int round, int port, ExchangeApi api) {
        return start("exchange-" + round, Files.isRegularFile(archive())
                ? List.of("-XX:SharedArchiveFile=" + archive()) : List.of(), port, api,
                directory.resolve("exchange-state.json"));
    }

    private ChildProcess start(String name, List<String> sharing, int port, ExchangeApi api, Path state) {
        List<String> options = new ArrayList<>(List.of("-Duser.home=" + directory, "-XX:TieredStopAtLevel=1"));
        options.addAll(sharing);
        ChildProcess exchange = ChildProcess.start(name, jar, options, List.of("paper-exchange", "--port",
                Integer.toString(port), "--seed", "7", "--state", state.toString(), "--step-millis", "10"), Map.of(),
                directory);
        children.add(exchange);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!answers(api)) {
            assertThat(exchange.isAlive()).as("the exchange ended at start: %s", exchange.describe()).isTrue();
            assertThat(System.nanoTime()).as("the exchange answers within %s: %s", START_LIMIT, exchange.describe())
                    .isLessThan(deadline);
            pause();
        }
        return exchange;
    }

    /** One quick authenticated GET /v2/account, no retries: whether the exchange serves yet. */
    private static boolean answers(ExchangeApi api) {
        HttpRequest request = HttpRequest.newBuilder(api.base().resolve("/v2/account"))
                .timeout(Duration.ofSeconds(2)).header("APCA-API-KEY-ID", CrashScenario.KEY_ID)
                .header("APCA-API-SECRET-KEY", CrashScenario.SECRET_KEY).GET().build();
        try {
            return PROBE.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void recreate(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> walk = Files.walk(directory)) {
                for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }
}
