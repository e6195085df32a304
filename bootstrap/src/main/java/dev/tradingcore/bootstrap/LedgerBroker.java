package dev.tradingcore.bootstrap;

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

/**
 * The broker of a core whose broker depends on the ledger (a simulation kept per ledger): wired into the core's use
 * cases before the database says which ledger it holds, told which broker it is right after, before anything asks
 * it anything.
 */
final class LedgerBroker implements BrokerGateway {

    private volatile BrokerGateway target;

    void use(BrokerGateway broker) {
        if (broker == null) {
            throw new IllegalArgumentException("the broker for the ledger was not given");
        }
        this.target = broker;
    }

    /** The broker chosen for the ledger; null before. */
    BrokerGateway current() {
        return target;
    }

    private BrokerGateway target() {
        BrokerGateway current = target;
        if (current == null) {
            throw new IllegalStateException("the broker was asked before the core knew its ledger");
        }
        return current;
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> submit(OrderRequest request) {
        return target().submit(request);
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId) {
        return target().cancel(brokerOrderId);
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId) {
        return target().orderById(brokerOrderId);
    }

    @Override
    public Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId) {
        return target().orderByClientOrderId(clientOrderId);
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerOrder>> openOrders() {
        return target().openOrders();
    }

    @Override
    public Either<BrokerFailure, List<BrokerPosition>> positions() {
        return target().positions();
    }

    @Override
    public Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since) {
        return target().fillsSince(since);
    }

    @Override
    public Either<BrokerFailure, Option<String>> account() {
        return target().account();
    }
}
