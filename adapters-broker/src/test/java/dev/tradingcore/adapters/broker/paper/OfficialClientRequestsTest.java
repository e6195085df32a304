package dev.tradingcore.adapters.broker.paper;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tradingcore.adapters.broker.simulated.SimulatedExchange;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.domain.fixtures.TestClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The paper exchange answers the paths of the spec ({@code alpaca-trader-api-openapi.yaml}) as the official Alpaca
 * clients call them: the key headers, the query parameters as they encode them ({@code activity_types} comma-joined
 * or repeated), and errors in Alpaca's {@code {"code", "message"}} body.
 */
class OfficialClientRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private PaperExchange paper;

    @BeforeEach
    void start() throws IOException {
        paper = PaperExchange.start(SimulatedExchange.start(SimulationConfig.defaults(5), clock),
                PaperExchangeConfig.defaults(0).withStepInterval(Duration.ZERO), clock);
    }

    @AfterEach
    void stop() {
        paper.close();
    }

    private record Answer(int status, JsonNode body) {}

    /** A request as the clients send one: the key pair in APCA headers, JSON accepted. */
    private Answer call(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(paper.uri() + pathAndQuery))
                .header("APCA-API-KEY-ID", PaperExchangeConfig.DEFAULT_KEY_ID)
                .header("APCA-API-SECRET-KEY", PaperExchangeConfig.DEFAULT_SECRET)
                .header("Accept", "application/json").header("User-Agent", "APCA-PY/0.42.0")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? null : JSON.readTree(response.body()));
    }

    private Answer get(String pathAndQuery) throws IOException, InterruptedException {
        return call("GET", pathAndQuery, null);
    }

    /** Buys {@code quantity} AAPL at market and steps once, so that it fills: the order's JSON. */
    private JsonNode bought(String clientOrderId, int quantity) throws IOException, InterruptedException {
        Answer placed = call("POST", "/v2/orders", "{\"symbol\":\"AAPL\",\"qty\":\"" + quantity + "\",\"side\":\"buy\","
                + "\"type\":\"market\",\"time_in_force\":\"day\",\"client_order_id\":\"" + clientOrderId + "\"}");
        assertThat(placed.status()).as(String.valueOf(placed.body())).isEqualTo(200);
        clock.advance(Duration.ofSeconds(1));
        paper.exchange().step();
        return placed.body();
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(node -> ids.add(node.get("id").asText()));
        return ids;
    }

    private static void assertError(Answer answer, int status, long code, String message) {
        assertThat(answer.status()).as(String.valueOf(answer.body())).isEqualTo(status);
        assertThat(answer.body().get("code").asLong()).isEqualTo(code);
        assertThat(answer.body().get("message").asText()).contains(message);
        assertThat(answer.body().size()).as("only code and message").isEqualTo(2);
    }

    @Test
    void getAccountActivitiesWithActivityTypesFillListsTheFills() throws Exception {
        String first = bought("a-1", 2).get("id").asText();
        String second = bought("a-2", 3).get("id").asText();

        Answer fills = get("/v2/account/activities?activity_types=FILL");
        Answer all = get("/v2/account/activities");

        assertThat(fills.status()).isEqualTo(200);
        assertThat(fills.body()).hasSize(2);
        JsonNode newest = fills.body().get(0);
        assertThat(newest.get("activity_type").asText()).isEqualTo("FILL");
        assertThat(newest.get("order_id").asText()).isEqualTo(second);
        assertThat(newest.get("qty").asText()).isEqualTo("3");
        assertThat(newest.get("type").asText()).isEqualTo("fill");
        assertThat(newest.get("id").asText()).contains("::");
        assertThat(fills.body().get(1).get("order_id").asText()).isEqualTo(first);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body()).isEqualTo(fills.body());
        assertThat(get("/v2/account/activities/FILL").body()).isEqualTo(fills.body());
    }

    @Test
    void activitiesOfSeveralTypesPageByToken() throws Exception {
        bought("p-1", 1);
        bought("p-2", 1);
        bought("p-3", 1);

        Answer page1 = get("/v2/account/activities?activity_types=DIV,FILL&direction=asc&page_size=2");
        String token = page1.body().get(1).get("id").asText();
        Answer page2 = get("/v2/account/activities?activity_types=DIV&activity_types=FILL&direction=asc&page_size=2"
                + "&page_token=" + token);

        assertThat(page1.body()).hasSize(2);
        assertThat(page2.body()).hasSize(1);
        List<String> pages = new ArrayList<>(ids(page1.body()));
        pages.addAll(ids(page2.body()));
        assertThat(pages).isEqualTo(ids(get("/v2/account/activities?direction=asc").body()));
    }

    @Test
    void otherActivityTypesOfTheSpecAreEmptyAndUnknownOnesAreRefused() throws Exception {
        bought("o-1", 1);

        assertThat(get("/v2/account/activities?activity_types=DIV").body()).isEmpty();
        assertThat(get("/v2/account/activities/DIV").body()).isEmpty();
        assertThat(get("/v2/account/activities/CSD").body()).isEmpty();
        assertError(get("/v2/account/activities/BOGUS"), 422, 40010001L, "BOGUS");
        assertError(get("/v2/account/activities?activity_types=FILL,BOGUS"), 422, 40010001L, "BOGUS");
    }

    @Test
    void activitiesOfADateAreThatTradingDaysAndDateExcludesAfterAndUntil() throws Exception {
        bought("d-1", 1);

        assertThat(get("/v2/account/activities/FILL?date=2026-11-23").body()).hasSize(1);
        assertThat(get("/v2/account/activities?activity_types=FILL&date=2026-11-22").body()).isEmpty();
        assertError(get("/v2/account/activities/FILL?date=2026-11-23&after=2026-11-22T00:00:00Z"), 422,
                40010001L, "date cannot be used with after or until");
        assertError(get("/v2/account/activities/FILL?date=yesterday"), 422, 40010001L, "date must be");
    }

    @Test
    void aPositionIsFoundByItsAssetIdAsByItsSymbol() throws Exception {
        String assetId = bought("s-1", 4).get("asset_id").asText();

        Answer bySymbol = get("/v2/positions/AAPL");
        Answer byAssetId = get("/v2/positions/" + assetId);

        assertThat(byAssetId.status()).isEqualTo(200);
        assertThat(byAssetId.body()).isEqualTo(bySymbol.body());
        assertThat(byAssetId.body().get("asset_id").asText()).isEqualTo(assetId);
        assertThat(byAssetId.body().get("qty").asText()).isEqualTo("4");
        assertError(get("/v2/positions/MSFT"), 404, 40410000L, "position does not exist");
        assertError(get("/v2/positions/00000000-0000-4000-8000-000000000000"), 404, 40410000L,
                "position does not exist");
    }

    @Test
    void closingAPositionPlacesTheOrderThatFlattensIt() throws Exception {
        String assetId = bought("c-1", 10).get("asset_id").asText();

        Answer half = call("DELETE", "/v2/positions/" + assetId + "?percentage=50", null);
        clock.advance(Duration.ofSeconds(1));
        paper.exchange().step();
        String afterHalf = get("/v2/positions/AAPL").body().get("qty").asText();
        Answer both = call("DELETE", "/v2/positions/AAPL?qty=1&percentage=10", null);
        Answer tooMuch = call("DELETE", "/v2/positions/AAPL?qty=6", null);
        Answer rest = call("DELETE", "/v2/positions/AAPL", null);
        clock.advance(Duration.ofSeconds(1));
        paper.exchange().step();

        assertThat(half.status()).isEqualTo(200);
        assertThat(half.body().get("side").asText()).isEqualTo("sell");
        assertThat(half.body().get("qty").asText()).isEqualTo("5");
        assertThat(half.body().get("type").asText()).isEqualTo("market");
        assertThat(afterHalf).isEqualTo("5");
        assertError(both, 422, 40010001L, "qty and percentage");
        assertError(tooMuch, 403, 40310000L, "insufficient qty available for order (requested: 6, available: 5)");
        assertThat(rest.body().get("qty").asText()).isEqualTo("5");
        assertError(get("/v2/positions/AAPL"), 404, 40410000L, "position does not exist");
        assertError(call("DELETE", "/v2/positions/AAPL", null), 404, 40410000L, "position does not exist");
    }

    @Test
    void cancellingAllOrdersAndClosingAllPositionsAnswerMultiStatus() throws Exception {
        bought("m-1", 2);
        String resting = call("POST", "/v2/orders", "{\"symbol\":\"MSFT\",\"qty\":\"1\",\"side\":\"buy\","
                + "\"type\":\"limit\",\"limit_price\":\"1.00\",\"time_in_force\":\"gtc\"}").body().get("id").asText();

        Answer cancelled = call("DELETE", "/v2/orders", null);
        Answer closed = call("DELETE", "/v2/positions?cancel_orders=true", null);

        assertThat(cancelled.status()).isEqualTo(207);
        assertThat(cancelled.body()).hasSize(1);
        assertThat(cancelled.body().get(0).get("id").asText()).isEqualTo(resting);
        assertThat(cancelled.body().get(0).get("status").asInt()).isEqualTo(200);
        assertThat(get("/v2/orders/" + resting).body().get("status").asText()).isEqualTo("canceled");
        assertThat(closed.status()).isEqualTo(207);
        assertThat(closed.body().get(0).get("symbol").asText()).isEqualTo("AAPL");
        assertThat(closed.body().get(0).get("body").get("side").asText()).isEqualTo("sell");
        assertError(call("DELETE", "/v2/positions?cancel_orders=maybe", null), 422, 40010001L, "cancel_orders");
    }

    @Test
    void anOrderIsFoundByItsClientOrderId() throws Exception {
        String id = bought("by-client-1", 1).get("id").asText();

        Answer found = get("/v2/orders:by_client_order_id?client_order_id=by-client-1");

        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("id").asText()).isEqualTo(id);
        assertError(get("/v2/orders:by_client_order_id?client_order_id=nobody"), 404, 40410000L, "order not found");
        assertError(get("/v2/orders:by_client_order_id"), 422, 40010001L, "client_order_id is required");
    }
}
