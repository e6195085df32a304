package dev.tradingcore.adapters.postgres.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The repository tests prove grants only if {@link AppRole}'s connections really lack the owner's rights. */
class AppRoleTest {

    @RegisterExtension
    static final MigratedDatabase db = new MigratedDatabase();

    @RegisterExtension
    static final AppRole app = new AppRole(db);

    @Test
    void every_connection_acts_as_the_application() throws SQLException {
        for (int i = 0; i < 6; i++) {
            try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("trading_app");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "UPDATE audit_log SET action = 'x'",
        "DELETE FROM audit_log",
        "UPDATE risk_snapshots SET cash_balance = 0",
        "DELETE FROM risk_snapshots",
        "UPDATE trades SET price = 1",
        "DELETE FROM orders"
    })
    void what_the_application_may_not_do_is_refused(String statement) throws SQLException {
        try (Connection c = app.dataSource().getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate(statement))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }
}
