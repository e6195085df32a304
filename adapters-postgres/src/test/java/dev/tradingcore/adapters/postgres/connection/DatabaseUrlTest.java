package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    /** Passwords with every character a URL gives a meaning to, alone and together. */
    static final List<String> AWKWARD_PASSWORDS = List.of("S3cret/PW", "S3cret@PW", "S3:cr:et", "S3cret?PW",
            "S3cret#PW", "S3cret%PW", "50%2Foff", "a+b c", "p/w@x:y?z#q%", "@leading", "trailing@", "//@@::??##%%");

    @ParameterizedTest
    @ValueSource(strings = {"S3cret/PW", "S3cret@PW", "S3:cr:et", "S3cret?PW", "S3cret#PW", "S3cret%PW", "a+b c",
        "p/w@x:y?z#q%", "@leading", "trailing@", "//@@::??##%%"})
    void a_password_written_as_it_is_is_read_whole_and_the_rest_of_the_url_right(String password) {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app:" + password + "@db.example.com:6543/trading?sslmode=require");

        assertThat(url.user()).contains("app");
        assertThat(url.password()).contains(password);
        assertThat(url.hosts()).isEqualTo("db.example.com:6543");
        assertThat(url.database()).isEqualTo("trading");
        assertThat(url.parameter("sslmode")).contains("require");
        assertThat(url.toString()).doesNotContain(password).contains("user app, password ***");
        assertThat(url.redacted()).doesNotContain(password);
        assertThat(url.jdbcUrl()).doesNotContain(password);
    }

    @Test
    void a_password_percent_encoded_is_decoded_in_either_form() {
        for (String password : AWKWARD_PASSWORDS) {
            String encoded = percentEncoded(password);
            DatabaseUrl libpq = DatabaseUrl.parse("postgresql://app:" + encoded + "@127.0.0.1:5432/trading");
            DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://127.0.0.1:5432/trading?user=app&password="
                    + encoded);

            assertThat(libpq.password()).as(encoded).contains(password);
            assertThat(jdbc.password()).as(encoded).contains(password);
            assertThat(libpq.hosts()).isEqualTo("127.0.0.1:5432");
            assertThat(jdbc.database()).isEqualTo("trading");
        }
    }

    @Test
    void a_url_that_cannot_be_used_is_refused_without_any_part_of_the_password() {
        for (String password : AWKWARD_PASSWORDS) {
            for (String text : List.of("postgresql://app:" + password + "@", "postgresql://app:" + password
                    + "@127.0.0.1:abc/db", "postgresql://app:" + password + "@127.0.0.1:5432/",
                    "mysql://app:" + password + "@127.0.0.1/db", "postgresql://app:" + password
                    + "@127.0.0.1/db?sslmode=bogus", "jdbc:postgresql://127.0.0.1:99999/db?password=" + password)) {
                assertThatThrownBy(() -> DatabaseUrl.parse(text)).as(text)
                        .isInstanceOf(IllegalArgumentException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(password)
                                .doesNotContain(password.substring(password.length() / 2)));
            }
        }
    }

    @Test
    void a_port_that_is_not_a_number_from_1_to_65535_is_named_as_the_problem() {
        for (String text : List.of("postgresql://app@127.0.0.1:abc/db", "jdbc:postgresql://127.0.0.1:abc/db",
                "postgresql://app@127.0.0.1:0/db", "jdbc:postgresql://h1:5432,h2:70000/db")) {
            assertThatThrownBy(() -> DatabaseUrl.parse(text)).as(text)
                    .hasMessage("the port in the database URL is not a number from 1 to 65535");
        }
    }

    @Test
    void an_sslmode_pgjdbc_does_not_know_is_refused_when_read() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://app@h/db?sslmode=bogus"))
                .hasMessageContaining("sslmode must be one of disable, allow, prefer, require, verify-ca, verify-full");
    }

    @Test
    void several_hosts_and_ipv6_in_the_libpq_form() {
        assertThat(DatabaseUrl.parse("postgresql://app:pw@h1:5432,h2/db").hosts()).isEqualTo("h1:5432,h2:5432");
        assertThat(DatabaseUrl.parse("postgresql://app:pw@[::1]:6000/db").hosts()).isEqualTo("[::1]:6000");
        assertThat(DatabaseUrl.parse("postgresql://app:pw@[::1]/db").location()).isEqualTo("[::1]:5432/db");
    }

    /** Every byte but the unreserved characters as %XX. */
    private static String percentEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append(String.format("%%%02X", b & 0xff));
            }
        }
        return out.toString();
    }

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
    void a_libpq_url_of_several_hosts_that_asks_for_read_write_connects_only_to_the_primary() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgresql://app:pw@h1:5432,h2:5433/trading?target_session_attrs=read-write&sslmode=require");

        assertThat(url.hosts()).isEqualTo("h1:5432,h2:5433");
        assertThat(url.parameters()).containsEntry("targetServerType", "primary")
                .doesNotContainKey("target_session_attrs");
        assertThat(url.jdbcUrl()).startsWith("jdbc:postgresql://h1:5432,h2:5433/trading?")
                .contains("targetServerType=primary");
        assertThat(DatabaseUrl.parse("postgresql://h1,h2/db?target_session_attrs=prefer-standby").parameters())
                .containsEntry("targetServerType", "preferSecondary");
        assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h1,h2/db?target_session_attrs=sometimes"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-write");
    }

    @Test
    void a_primary_url_of_several_hosts_without_a_target_is_held_to_the_primary() {
        assertThat(DatabasePools.writable(DatabaseUrl.parse("postgresql://h1,h2/db")).parameters())
                .containsEntry("targetServerType", "primary");
        assertThat(DatabasePools.writable(DatabaseUrl.parse("postgresql://h1/db")).parameters())
                .doesNotContainKey("targetServerType");
        assertThat(DatabasePools.writable(DatabaseUrl.parse("jdbc:postgresql://h1,h2/db?targetServerType=any"))
                .parameters()).containsEntry("targetServerType", "any");
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
