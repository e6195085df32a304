package dev.tradingcore.adapters.postgres.position;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.mybatis.SessionFactories;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.PositionRepository;
import dev.tradingcore.domain.position.PositionRepositoryContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MyBatisPositionRepositoryTest extends PositionRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    private static MyBatisPositionRepository repository;

    @Override
    protected PositionRepository repository() {
        if (repository == null) {
            repository = new MyBatisPositionRepository(
                    SessionFactories.create("test", db.dataSource(), List.of(PositionMapper.class)));
        }
        return repository;
    }

    @Test
    void the_row_holds_the_designs_rounded_money_beside_the_exact_amounts() throws Exception {
        Position position = Position.flat(Symbol.of("ROW1"), T)
                .apply(dev.tradingcore.domain.fixtures.TradeBuilder.aTrade().withSymbol("ROW1").withQuantity("3")
                        .at("0.333").withCommission("0.005").build().fill(), T);

        repository().save(position);

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT quantity, average_price, cost_basis, cost_basis_exact,"
                        + " realized_pnl, realized_pnl_exact, market_value, unrealized_pnl, version"
                        + " FROM positions WHERE symbol = 'ROW1'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("quantity")).isEqualByComparingTo("3");
            assertThat(rs.getBigDecimal("average_price")).isEqualByComparingTo("0.333");
            assertThat(rs.getBigDecimal("cost_basis_exact")).isEqualByComparingTo("0.999");
            assertThat(rs.getBigDecimal("cost_basis")).isEqualByComparingTo("1.00");
            assertThat(rs.getBigDecimal("realized_pnl_exact")).isEqualByComparingTo("-0.005");
            assertThat(rs.getBigDecimal("realized_pnl")).as("half-even: -0.005 -> -0.00").isEqualByComparingTo("0.00");
            assertThat(rs.getBigDecimal("market_value")).as("valued at cost before a mark").isEqualByComparingTo("1.00");
            assertThat(rs.getBigDecimal("unrealized_pnl")).isEqualByComparingTo("0");
            assertThat(rs.getLong("version")).isEqualTo(1);
        }

        repository().save(position);
        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM positions WHERE symbol = 'ROW1'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("every save is a new version").isEqualTo(2);
        }
    }
}
