package dev.tradingcore.application.core;

import dev.tradingcore.application.port.in.ApplyFill;
import dev.tradingcore.application.recovery.RecoverySettings;
import dev.tradingcore.application.sync.BrokerSyncSettings;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.common.OrderId;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What the use cases are built with besides their ports.
 *
 * @param initialCapital the account's cash before its first trade
 * @param newOrderId where order ids (also our client order ids at the broker) come from: random UUIDs in production,
 *     seeded ones in the simulator so that a seed replays
 * @param fillDecorator wraps the fill use case (production times it for monitoring)
 */
public record CoreSettings(Money initialCapital, RecoverySettings recovery, BrokerSyncSettings sync,
        Supplier<OrderId> newOrderId, UnaryOperator<ApplyFill> fillDecorator) {

    public CoreSettings {
        if (initialCapital == null || recovery == null || sync == null || newOrderId == null
                || fillDecorator == null) {
            throw new IllegalArgumentException("core settings need every field");
        }
    }

    /** The defaults, with random order ids and the fill use case as it is. */
    public static CoreSettings defaults(Money initialCapital) {
        return new CoreSettings(initialCapital, RecoverySettings.defaults(), BrokerSyncSettings.defaults(),
                () -> OrderId.of(UUID.randomUUID().toString()), UnaryOperator.identity());
    }

    public CoreSettings withNewOrderId(Supplier<OrderId> value) {
        return new CoreSettings(initialCapital, recovery, sync, value, fillDecorator);
    }

    public CoreSettings withFillDecorator(UnaryOperator<ApplyFill> value) {
        return new CoreSettings(initialCapital, recovery, sync, newOrderId, value);
    }

    public CoreSettings withSync(BrokerSyncSettings value) {
        return new CoreSettings(initialCapital, recovery, value, newOrderId, fillDecorator);
    }

    public CoreSettings withRecovery(RecoverySettings value) {
        return new CoreSettings(initialCapital, value, sync, newOrderId, fillDecorator);
    }
}
