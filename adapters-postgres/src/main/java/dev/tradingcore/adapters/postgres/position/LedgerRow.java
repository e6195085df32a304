package dev.tradingcore.adapters.postgres.position;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fill.ExecutionKey;
import dev.tradingcore.domain.fill.SymbolLedger;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.trade.TradeId;
import io.vavr.control.Option;
import java.time.Instant;

/**
 * The ledger columns of a {@code positions} row ({@code latest_trade_at}, {@code latest_trade_id}, {@code basis}):
 * how far the symbol's booked history goes, and where a replay starts.
 *
 * @param basis the basis as JSON text; null for flat before the first fill
 */
public record LedgerRow(String symbol, Instant latestTradeAt, String latestTradeId, String basis) {

    /** The row of {@code ledger}. */
    public static LedgerRow of(Symbol symbol, SymbolLedger ledger) {
        boolean flatStart = ledger.basisThrough().isEmpty() && ledger.basis().isFlat()
                && ledger.basis().realizedPnl().signum() == 0 && ledger.basis().totalCommission().signum() == 0;
        return new LedgerRow(symbol.value(), ledger.latest().map(ExecutionKey::executedAt).getOrNull(),
                ledger.latest().map(k -> k.tradeId().value()).getOrNull(), flatStart ? null : basisJson(ledger));
    }

    private static String basisJson(SymbolLedger ledger) {
        Position basis = ledger.basis();
        ObjectNode json = Json.object();
        json.put("quantity", basis.quantity());
        basis.averagePrice().forEach(p -> json.put("average_price", p.value()));
        json.put("cost_basis", basis.costBasis());
        json.put("realized_pnl", basis.realizedPnl());
        json.put("total_commission", basis.totalCommission());
        json.put("at", basis.lastUpdated().toString());
        ledger.basisThrough().forEach(key -> {
            json.put("through_at", key.executedAt().toString());
            json.put("through_trade_id", key.tradeId().value());
        });
        return Json.write(json);
    }

    /** The domain's ledger; {@code at} dates a flat basis. */
    public SymbolLedger toLedger(Instant at) {
        Symbol sym = Symbol.of(symbol);
        Option<ExecutionKey> latest = latestTradeAt == null ? Option.none()
                : Option.some(new ExecutionKey(latestTradeAt, TradeId.of(latestTradeId)));
        if (basis == null) {
            return new SymbolLedger(latest, Position.flat(sym, at), Option.none());
        }
        String where = "positions.basis of " + symbol;
        JsonNode json = Json.read(basis, where);
        Position position = new Position(sym, Json.decimal(json, "quantity", where),
                json.hasNonNull("average_price") ? Option.some(Price.of(Json.decimal(json, "average_price", where)))
                        : Option.none(), Json.decimal(json, "cost_basis", where), Json.decimal(json, "realized_pnl",
                        where), Json.decimal(json, "total_commission", where), Option.none(),
                Instant.parse(Json.text(json, "at", where)));
        Option<ExecutionKey> through = json.hasNonNull("through_at")
                ? Option.some(new ExecutionKey(Instant.parse(Json.text(json, "through_at", where)),
                        TradeId.of(Json.text(json, "through_trade_id", where))))
                : Option.none();
        return new SymbolLedger(latest, position, through);
    }
}
