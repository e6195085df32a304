package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void reads_the_designs_libpq_form_with_credentials_and_sslmode() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://trading_user:s3cret@db.example.com:5432/trading_system?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/trading_system?sslmode=require");
        assertThat(url.user()).contains("trading_user");
        assertThat(url.password()).contains("s3cret");
        assertThat(url.database()).isEqualTo("trading_system");
    }

    @Test
    void defaults_the_port_and_decodes_escaped_passwords() {
        DatabaseUrl url = DatabaseUrl.parse("postgres://u:p%40ss%3Aword@localhost/db");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/db");
        assertThat(url.password()).contains("p@ss:word");
    }

    @Test
    void reads_a_jdbc_url_with_credentials_in_the_query_and_several_hosts() {
        DatabaseUrl url = DatabaseUrl.parse(
                "jdbc:postgresql://primary:5432,replica:5433/trading?user=app&password=pw&targetServerType=preferSecondary");

        assertThat(url.hosts()).isEqualTo("primary:5432,replica:5433");
        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains("pw");
        assertThat(url.jdbcUrl())
                .isEqualTo("jdbc:postgresql://primary:5432,replica:5433/trading?targetServerType=preferSecondary");
    }

    @Test
    void never_prints_the_password() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://trading_user:s3cret@localhost:5432/trading_system");

        assertThat(url.toString()).doesNotContain("s3cret").contains("trading_user").contains("***");
        assertThat(url.redacted()).doesNotContain("s3cret");
    }

    @Test
    void rejects_other_schemes_without_echoing_the_password() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@localhost/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with postgresql://")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejects_a_url_without_database_or_host() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://u:pw@localhost:5432/"))
                .hasMessageContaining("names no database")
                .hasMessageNotContaining("pw@");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql:///db")).hasMessageContaining("names no host");
        assertThatThrownBy(() -> DatabaseUrl.parse("  ")).hasMessageContaining("empty");
    }

    @Test
    void swapping_the_database_keeps_server_and_credentials() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://u:pw@h:1/a?sslmode=disable").withDatabase("b");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:1/b?sslmode=disable");
        assertThat(url.password()).contains("pw");
    }
}
