package dev.tradingcore.bootstrap.simulation;

import dev.tradingcore.application.core.CorePorts;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.order.Order;
import dev.tradingcore.domain.port.AlertSink;
import dev.tradingcore.domain.port.BrokerGateway;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.Trade;
import io.vavr.collection.List;

/**
 * What a session's core keeps, and outlives its crashes: the in-memory ports, or a PostgreSQL database of its own.
 */
interface SimulationStore extends AutoCloseable {

    /** The core's ports over this store; every store port goes through {@code crash}. */
    CorePorts ports(BrokerGateway broker, AlertSink alerts, CrashPlan crash);

    /** Everything stored, for the session's check. */
    Contents contents();

    /** Which store, for the report. */
    String describe();

    @Override
    void close();

    /** The stored orders, trades (in recording order), positions and audit lines. */
    record Contents(List<Order> orders, List<Trade> trades, List<Position> positions, List<AuditEvent> audit) {
    }
}
