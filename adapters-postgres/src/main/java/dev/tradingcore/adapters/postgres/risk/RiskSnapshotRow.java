package dev.tradingcore.adapters.postgres.risk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.domain.common.Decimals;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.risk.RiskSnapshot;
import dev.tradingcore.domain.risk.ValueAtRisk;
import io.vavr.collection.Map;
import io.vavr.collection.TreeMap;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;

/**
 * One row of {@code risk_snapshots}. {@code sector_concentration} is a JSON object of sector to percent (exact JSON
 * numbers); {@code metrics} is a JSON object holding what has no column of its own: {@code net_exposure} and
 * {@code var_method} ({@code historical}, {@code parametric} or {@code none}; a row written before it existed reads
 * as historical when it has a VaR).
 */
public record RiskSnapshotRow(
        Instant timestamp,
        BigDecimal portfolioValue,
        BigDecimal cashBalance,
        BigDecimal totalExposure,
        BigDecimal var95,
        BigDecimal var99,
        BigDecimal maxDrawdown,
        int positionCount,
        BigDecimal largestPositionPct,
        String sectorConcentration,
        String metrics) {

    /** Scale of the DECIMAL(10, 4) columns max_drawdown and largest_position_pct. */
    private static final int RATIO_SCALE = 4;

    static final String NET_EXPOSURE = "net_exposure";
    static final String VAR_METHOD = "var_method";

    static RiskSnapshotRow of(RiskSnapshot snapshot) {
        ObjectNode sectors = Json.object();
        snapshot.sectorConcentration().toSortedMap(e -> e).forEach((sector, pct) -> sectors.put(sector, pct));
        ObjectNode metrics = Json.object();
        metrics.put(NET_EXPOSURE, snapshot.netExposure().amount());
        metrics.put(VAR_METHOD, snapshot.varMethod().code());
        return new RiskSnapshotRow(snapshot.timestamp(), snapshot.portfolioValue().amount(),
                snapshot.cashBalance().amount(), snapshot.totalExposure().amount(),
                snapshot.var95().map(Money::amount).getOrNull(), snapshot.var99().map(Money::amount).getOrNull(),
                snapshot.maxDrawdown().map(v -> Decimals.exact(v, RATIO_SCALE, "max drawdown")).getOrNull(),
                snapshot.positionCount(),
                snapshot.largestPositionPct().map(v -> Decimals.exact(v, RATIO_SCALE, "largest position percent"))
                        .getOrNull(),
                Json.write(sectors), Json.write(metrics));
    }

    RiskSnapshot toSnapshot() {
        String where = "risk_snapshots row at " + timestamp;
        return new RiskSnapshot(timestamp, new Money(portfolioValue), new Money(cashBalance),
                new Money(totalExposure), netExposure(where), Option.of(var95).map(Money::new),
                Option.of(var99).map(Money::new), Option.of(maxDrawdown), positionCount,
                Option.of(largestPositionPct), sectors(where), varMethod(where));
    }

    private ValueAtRisk.Method varMethod(String where) {
        JsonNode method = Json.read(metrics, where + " column metrics").get(VAR_METHOD);
        if (method == null) {
            return var95 != null ? ValueAtRisk.Method.HISTORICAL : ValueAtRisk.Method.NONE;
        }
        try {
            return ValueAtRisk.Method.valueOf(method.asText().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new MalformedStoredJsonException(where + " column metrics: var_method '" + method.asText()
                    + "' is not historical, parametric or none", e);
        }
    }

    private Money netExposure(String where) {
        JsonNode document = Json.read(metrics, where + " column metrics");
        if (!document.isObject()) {
            throw new MalformedStoredJsonException(where + " column metrics: expected a JSON object, found "
                    + document);
        }
        BigDecimal amount = Json.decimal(document, NET_EXPOSURE, where + " column metrics");
        try {
            return new Money(amount);
        } catch (IllegalArgumentException e) {
            throw new MalformedStoredJsonException(where + " column metrics: " + e.getMessage(), e);
        }
    }

    private Map<String, BigDecimal> sectors(String where) {
        if (sectorConcentration == null) {
            return TreeMap.empty();
        }
        String column = where + " column sector_concentration";
        JsonNode document = Json.read(sectorConcentration, column);
        if (!document.isObject()) {
            throw new MalformedStoredJsonException(column + ": expected a JSON object, found " + document);
        }
        TreeMap<String, BigDecimal> sectors = TreeMap.empty();
        for (Iterator<String> names = document.fieldNames(); names.hasNext(); ) {
            String sector = names.next();
            sectors = sectors.put(sector, Json.decimal(document, sector, column));
        }
        return sectors;
    }
}
