package dev.tradingcore.adapters.postgres.marketdata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.Explain;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.marketdata.MarketDataRepository;
import dev.tradingcore.domain.marketdata.MarketDataRepositoryContract;
import dev.tradingcore.domain.marketdata.Quote;
import io.vavr.control.Option;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The market data contract on PostgreSQL, every statement run as {@code trading_app}, and the rows themselves. */
class MyBatisMarketDataRepositoryTest extends MarketDataRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();


    @Override
    protected MarketDataRepository repository() {
        return new MyBatisMarketDataRepository(db.sessions());
    }

    @Test
    void the_row_holds_every_column_and_nulls_for_what_is_unknown() throws Exception {
        repository().upsert(new Quote(Symbol.of("ROWQ1"), T, Price.of("1.00000001"), Option.some(Price.of("1")),
                Option.none(), Option.some(0L)));

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT price, bid, ask, volume FROM market_data_cache"
                        + " WHERE symbol = 'ROWQ1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("price")).isEqualByComparingTo("1.00000001");
            assertThat(rs.getBigDecimal("bid")).isEqualByComparingTo("1");
            assertThat(rs.getBigDecimal("ask")).isNull();
            assertThat(rs.getLong("volume")).isZero();
            assertThat(rs.wasNull()).isFalse();
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void the_latest_quote_is_read_from_the_primary_key_backwards() {
        String plan = Explain.plan(db.sessions(), MarketDataMapper.class.getName() + ".latest",
                Map.of("symbol", "ANY1"), "COSTS OFF", "SET LOCAL enable_seqscan = off");

        assertThat(plan).as(plan).contains("Index Scan Backward using market_data_cache");
        assertThat(plan).as(plan).contains("pkey");
    }
}
