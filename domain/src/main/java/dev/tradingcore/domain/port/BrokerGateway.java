package dev.tradingcore.domain.port;

import dev.tradingcore.domain.order.BrokerOrderId;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.port.BrokerPosition;
import io.vavr.collection.List;
import io.vavr.control.Either;
import java.time.Instant;

/**
 * The broker, as the domain needs it. Every call answers either with the broker's view or with a
 * {@link BrokerFailure} that says whether that was an answer (definitive) or the lack of one (transient).
 * Implementations never throw for a broker problem.
 */
public interface BrokerGateway {

    /**
     * Sends a new order. Idempotent on the request's client order id: resubmitting after a lost answer yields
     * the order already open (or a definitive rejection naming the duplicate), never a second order.
     */
    Either<BrokerFailure, BrokerOrder> submit(OrderRequest request);

    /** Asks the broker to cancel; the answer is the order as the broker then reports it. */
    Either<BrokerFailure, BrokerOrder> cancel(BrokerOrderId brokerOrderId);

    Either<BrokerFailure, BrokerOrder> orderById(BrokerOrderId brokerOrderId);

    /** Finds an order by the client order id we gave it; the way to learn the fate of an unacknowledged submit. */
    Either<BrokerFailure, BrokerOrder> orderByClientOrderId(ClientOrderId clientOrderId);

    /**
     * Every order the broker is still working. An order that is listed but cannot be read is in
     * {@link Listing#unreadable()}: it is neither dropped nor allowed to fail the others.
     */
    Either<BrokerFailure, Listing<BrokerOrder>> openOrders();

    /**
     * Every position the broker holds for the account; flat symbols may be omitted. All or nothing: a position that
     * cannot be read fails the call ({@link BrokerFailure.Malformed}), because a comparison with a symbol missing would
     * take it for flat.
     */
    Either<BrokerFailure, List<BrokerPosition>> positions();

    /**
     * Every execution at or after {@code since}, oldest first. An execution that is listed but cannot be read is in
     * {@link Listing#unreadable()}, with its time when that much was readable.
     */
    Either<BrokerFailure, Listing<BrokerFill>> fillsSince(Instant since);

    /**
     * The account this gateway trades for, as the broker names it (e.g. Alpaca's account id), so that a ledger can
     * tell whether its positions came from this account. None when this gateway cannot say (the default): a ledger
     * already bound to an account then refuses it unless told to adopt it. A gateway whose state is kept (a broker, a
     * simulation with a state file) must answer the same id every time, and a new, empty one a new id: an id that a
     * fresh broker repeats would let a ledger take an empty account for the one its positions came from.
     */
    default Either<BrokerFailure, io.vavr.control.Option<String>> account() {
        return Either.right(io.vavr.control.Option.none());
    }
}
