package dev.tradingcore.application.metrics;

import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.BrokerFill;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.port.BrokerOrder;
import dev.tradingcore.domain.port.BrokerPosition;
import dev.tradingcore.domain.port.Listing;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.collection.List;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A broker whose every call is timed and counted by endpoint and result ({@code ok}, or the failure's kind). A
 * call that throws (a broker adapter's bug) is counted as {@code exception} and the exception goes on.
 */
public final class MeasuredBroker implements BrokerGateway {

    private final BrokerGateway broker;
    private final CoreMetrics metrics;

    public MeasuredBroker(BrokerGateway broker, CoreMetrics metrics) {
        this.broker = Objects.requireNonNull(broker, "broker");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        for (String endpoint : new String[] {"submit", "cancel", "order_by_id", "order_by_client_order_id",
                "open_orders", "positions", "fills_since", "account"}) {
            metrics.brokerEndpoint(endpoint);
        }
    }

    /** The broker measured. */
    public BrokerGateway measured() {
        return broker;
    }

    private <T> Either<BrokerFailure, T> call(String endpoint, Supplier<Either<BrokerFailure, T>> call) {
        long started = System.nanoTime();
        Either<BrokerFailure, T> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            metrics.brokerCalled(endpoint, "exception", started);
            throw e;
        }
        metrics.brokerCalled(endpoint, answer.isRight() ? "ok" : CoreMetrics.resultOf(answer.getLeft()), started);
        return answer;
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        return call("submit", () -> broker.submit(request));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        return call("cancel", () -> broker.cancel(brokerOrderId));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        return call("order_by_id", () -> broker.orderById(brokerOrderId));
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        return call("order_by_client_order_id", () -> broker.orderByClientOrderId(clientOrderId));
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return call("open_orders", broker::openOrders);
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return call("positions", broker::positions);
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return call("fills_since", () -> broker.fillsSince(since));
    }

    @Override
    public Either<BrokerFailure, Option<String>> account() {
        return call("account", broker::account);
    }
}
