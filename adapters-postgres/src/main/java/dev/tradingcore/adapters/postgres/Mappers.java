package dev.tradingcore.adapters.postgres;

import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.marketdata.MarketDataMapper;
import dev.tradingcore.adapters.postgres.order.OrderMapper;
import dev.tradingcore.adapters.postgres.position.PositionMapper;
import dev.tradingcore.adapters.postgres.risk.RiskSnapshotMapper;
import dev.tradingcore.adapters.postgres.state.SystemStateMapper;
import dev.tradingcore.adapters.postgres.trade.TradeMapper;
import java.util.List;

/**
 * Every MyBatis mapper of the adapter, registered explicitly (no class-path scanning in a shaded jar). It lives in the
 * adapter's root package, beside the facade, because it names every mapper package: in {@code mybatis}, which those
 * packages use, it made a package cycle.
 */
public final class Mappers {

    private Mappers() {}

    /** Add a mapper here when you add one; its XML is loaded from the same package path. */
    public static final List<Class<?>> ALL = List.of(
            PositionMapper.class,
            OrderMapper.class,
            TradeMapper.class,
            RiskSnapshotMapper.class,
            SystemStateMapper.class,
            MarketDataMapper.class,
            AuditMapper.class);
}
