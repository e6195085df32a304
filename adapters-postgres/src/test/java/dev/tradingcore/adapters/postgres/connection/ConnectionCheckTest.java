package dev.tradingcore.adapters.postgres.connection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One bounded connection attempt, its failure told apart the way an operator fixes it. */
class ConnectionCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    @Test
    void a_database_that_answers_is_no_problem() {
        assertThat(ConnectionCheck.attempt(PostgresServer.get().adminUrl(), TIMEOUT)).isEmpty();
    }

    @Test
    void the_server_says_which_database_or_role_does_not_exist() {
        DatabaseUrl admin = PostgresServer.get().adminUrl();

        assertThat(ConnectionCheck.attempt(admin.withDatabase("no_such_db_here"), TIMEOUT)).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.NO_DATABASE);
            assertThat(p.detail()).contains("no_such_db_here");
        });
        DatabaseUrl nobody = DatabaseUrl.parse(admin.jdbcUrl() + (admin.jdbcUrl().contains("?") ? "&" : "?")
                + "user=no_such_role_here&password=x");
        assertThat(ConnectionCheck.attempt(nobody, TIMEOUT)).hasValueSatisfying(p -> {
            assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.LOGIN_REFUSED);
            assertThat(p.detail()).contains("no_such_role_here").doesNotStartWith("FATAL");
        });
    }

    @Test
    void a_closed_port_is_refused_and_a_black_hole_does_not_answer_within_the_bound() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThat(ConnectionCheck.attempt(DatabaseUrl.parse("postgresql://app@127.0.0.1:" + closed + "/db"), TIMEOUT))
                .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.REFUSED));

        try (ServerSocket blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            assertThat(ConnectionCheck.attempt(DatabaseUrl.parse("postgresql://app@127.0.0.1:"
                    + blackHole.getLocalPort() + "/db"), TIMEOUT))
                    .hasValueSatisfying(p -> assertThat(p.kind()).isEqualTo(ConnectionProblem.Kind.NO_ANSWER));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(TIMEOUT.plusSeconds(1));
        }
    }

    @Test
    void failures_are_classified_by_sqlstate_and_cause() {
        assertThat(ConnectionCheck.classify(new SQLException("FATAL: password authentication failed for user \"a\"",
                "28P01")).kind()).isEqualTo(ConnectionProblem.Kind.LOGIN_REFUSED);
        assertThat(ConnectionCheck.classify(new SQLException("FATAL: the database system is starting up", "57P03"))
                .kind()).isEqualTo(ConnectionProblem.Kind.NOT_READY);
        assertThat(ConnectionCheck.classify(new SQLException("x", "08001", new ConnectException("refused"))).kind())
                .isEqualTo(ConnectionProblem.Kind.REFUSED);
        assertThat(ConnectionCheck.classify(new SQLException("x", "08001", new UnknownHostException("db.invalid")))
                .kind()).isEqualTo(ConnectionProblem.Kind.UNKNOWN_HOST);
        assertThat(ConnectionCheck.classify(new SQLException("x", "08001", new SocketTimeoutException("Read timed"
                + " out"))).kind()).isEqualTo(ConnectionProblem.Kind.NO_ANSWER);
        assertThat(ConnectionCheck.classify(new SQLException("The server does not support SSL connections", "08004"))
                .kind()).isEqualTo(ConnectionProblem.Kind.SSL);
        assertThat(ConnectionCheck.classify(new SQLException("FATAL: something else\nDetail: more", "XX000")))
                .isEqualTo(new ConnectionProblem(ConnectionProblem.Kind.OTHER, "something else"));
    }
}
