package dev.tradingcore.adapters.broker.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.fixtures.TestClock;
import dev.tradingcore.domain.common.Quantity;
import dev.tradingcore.domain.common.Side;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.order.ClientOrderId;
import dev.tradingcore.domain.order.OrderStatus;
import dev.tradingcore.domain.order.OrderType;
import dev.tradingcore.domain.order.TimeInForce;
import dev.tradingcore.domain.port.BrokerFailure;
import dev.tradingcore.domain.port.OrderRequest;
import io.vavr.control.Option;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process broker's faults and saved state; its behaviour as a broker is in the contract. */
class SimulatedBrokerTest {

    @TempDir
    Path directory;

    private final TestClock clock = TestClock.at("2026-11-23T15:00:00Z");

    private static OrderRequest buy(String clientOrderId) {
        return new OrderRequest(ClientOrderId.of(clientOrderId), Symbol.of("AAPL"), Side.BUY, Quantity.of(1),
                OrderType.MARKET, TimeInForce.DAY, Option.none(), Option.none());
    }

    @Test
    void aDroppedResponseLeavesTheOrderPlacedAndFindableByClientOrderId() {
        FaultPlan faults = FaultPlan.none().script(Operation.SUBMIT, Fault.RESPONSE_DROPPED);
        SimulatedBroker broker = new SimulatedBroker(SimulatedExchange.start(SimulationConfig.defaults(1), clock),
                faults, Option.none());

        assertThat(broker.submit(buy("lost-1")).getLeft()).isInstanceOf(BrokerFailure.Timeout.class);

        assertThat(broker.orderByClientOrderId(ClientOrderId.of("lost-1")).get().status())
                .isEqualTo(OrderStatus.SUBMITTED);
    }

    @Test
    void timeoutsServerErrorsAndRateLimitsPlaceNothing() {
        FaultPlan faults = FaultPlan.none().script(Operation.SUBMIT, Fault.TIMEOUT)
                .script(Operation.SUBMIT, Fault.SERVER_ERROR).script(Operation.SUBMIT, Fault.RATE_LIMITED);
        SimulatedBroker broker = new SimulatedBroker(SimulatedExchange.start(SimulationConfig.defaults(1), clock),
                faults, Option.none());

        assertThat(broker.submit(buy("t-1")).getLeft()).isInstanceOf(BrokerFailure.Timeout.class);
        assertThat(broker.submit(buy("t-2")).getLeft()).isInstanceOf(BrokerFailure.ServerError.class);
        assertThat(broker.submit(buy("t-3")).getLeft()).isInstanceOf(BrokerFailure.RateLimited.class);

        assertThat(broker.exchange().orders()).isEmpty();
        assertThat(broker.submit(buy("t-1")).isRight()).isTrue();
    }

    @Test
    void randomFaultsFollowTheSeed() {
        java.util.List<String> first = faults(99);
        assertThat(faults(99)).isEqualTo(first);
        assertThat(first).contains("ok").anyMatch(s -> !s.equals("ok"));
    }

    private java.util.List<String> faults(long seed) {
        FaultPlan plan = FaultPlan.random(seed, 300, Fault.TIMEOUT, Fault.SERVER_ERROR);
        java.util.List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            seen.add(plan.next(Operation.POSITIONS).map(Enum::name).getOrElse("ok"));
        }
        return seen;
    }

    @Test
    void aPersistentBrokerComesBackWithItsOrdersAndPositions() {
        StateFile file = new StateFile(directory.resolve("sim.json"));
        SimulatedBroker first = SimulatedBroker.persistent(SimulationConfig.defaults(8), clock, file);
        first.submit(buy("p-1")).get();
        first.step();

        SimulatedBroker second = SimulatedBroker.persistent(SimulationConfig.defaults(8), clock, file);

        assertThat(second.positions().get().single().quantity()).isEqualByComparingTo("1");
        assertThat(second.orderByClientOrderId(ClientOrderId.of("p-1")).get().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(second.submit(buy("p-1")).getLeft()).isInstanceOf(BrokerFailure.Rejected.class);
    }
}
