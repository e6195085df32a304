package dev.tradingcore.adapters.postgres.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.adapters.postgres.testing.MigratedDatabase;
import dev.tradingcore.domain.risk.RiskSnapshotRepository;
import dev.tradingcore.domain.risk.RiskSnapshotRepositoryContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The risk snapshot contract on PostgreSQL, every statement run as {@code trading_app} (which may INSERT and SELECT
 * risk snapshots, never UPDATE them), and the JSON documents as stored.
 */
class MyBatisRiskSnapshotRepositoryTest extends RiskSnapshotRepositoryContract {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();


    @Override
    protected RiskSnapshotRepository repository() {
        return new MyBatisRiskSnapshotRepository(db.sessions());
    }

    @Test
    void sectors_and_net_exposure_are_stored_as_exact_json_numbers() throws Exception {
        repository().save(full(at(2039)));

        try (Connection c = db.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT sector_concentration ->> 'Technology',"
                        + " jsonb_typeof(sector_concentration -> 'Technology'), sector_concentration ->> 'Energy',"
                        + " metrics ->> 'net_exposure', jsonb_typeof(metrics -> 'net_exposure'),"
                        + " max_drawdown, largest_position_pct, var_95, position_count"
                        + " FROM risk_snapshots WHERE timestamp = '2039-01-02T10:05:00Z'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("45.1230");
            assertThat(rs.getString(2)).isEqualTo("number");
            assertThat(rs.getString(3)).isEqualTo("0.0001");
            assertThat(rs.getString(4)).isEqualTo("-1234.56");
            assertThat(rs.getString(5)).isEqualTo("number");
            assertThat(rs.getBigDecimal(6)).isEqualByComparingTo("0.2501");
            assertThat(rs.getBigDecimal(7)).isEqualByComparingTo("12.5");
            assertThat(rs.getBigDecimal(8)).isEqualByComparingTo("12345.67");
            assertThat(rs.getInt(9)).isEqualTo(7);
        }
    }

    @Test
    void malformed_metrics_are_an_error_naming_the_row_and_column() throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("INSERT INTO risk_snapshots (timestamp, portfolio_value, cash_balance, total_exposure,"
                    + " position_count, metrics) VALUES ('2038-06-01T00:00:00Z', 1, 1, 0, 0,"
                    + " '{\"net_exposure\": \"a lot\"}')");
        }

        assertThatThrownBy(() -> repository().between(at(2038), at(2039)))
                .isInstanceOf(MalformedStoredJsonException.class)
                .hasMessageContaining("risk_snapshots row at 2038-06-01T00:00:00Z column metrics")
                .hasMessageContaining("net_exposure");
    }
}
