package dev.tradingcore.adapters.broker.paper;

import dev.tradingcore.adapters.broker.alpaca.AlpacaTransport;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST adapter's requests answered by a {@link TraderApi} in the same process: the same JSON both ways, no socket.
 * What the simulator trades through, thousands of sessions a minute; it wraps this transport to lose, delay or bend
 * answers.
 */
public final class InProcessTransport implements AlpacaTransport {

    private final TraderApi api;

    public InProcessTransport(TraderApi api) {
        this.api = api;
    }

    public TraderApi api() {
        return api;
    }

    @Override
    public Response send(Request request) {
        TraderApi.Response answer = api.handle(new TraderApi.Request(request.method(), request.uri().getRawPath(),
                request.uri().getRawQuery(), request.headers(),
                request.body().map(text -> text.getBytes(StandardCharsets.UTF_8)).orElse(new byte[0])));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        answer.headers().forEach((name, value) -> headers.put(name, List.of(value)));
        return new Response(answer.status(), headers, answer.bodyText());
    }
}
