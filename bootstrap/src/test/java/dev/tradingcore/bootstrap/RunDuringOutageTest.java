package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.connection.DatabaseUrl;
import dev.tradingcore.adapters.postgres.testing.FaultProxy;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} rides through a database outage: the database goes away for longer than a progress interval in the
 * middle of a session and comes back. Before, the progress line read the open orders from the database and the
 * outage ended the session with exit 3 ("run failed: database unavailable ..."); now the session goes on, says that
 * new orders are refused and positions are served from memory, and ends with exit 0.
 */
class RunDuringOutageTest {

    @TempDir
    Path home;

    @Test
    void run_goes_on_through_a_database_outage_and_says_what_it_serves_meanwhile() throws Exception {
        String database = TemplateDatabase.createEmpty();
        DatabaseUrl direct = PostgresServer.get().urlOf(database);
        String hostPort = direct.hosts();
        int colon = hostPort.lastIndexOf(':');
        try (FaultProxy proxy = FaultProxy.to(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)))) {
            String url = direct.withHosts("127.0.0.1:" + proxy.port()).jdbcUrl();
            Cli cli = new Cli(List.of("--home", home.toString(), "--set", "database.url=" + url
                    + (url.contains("?") ? "&" : "?") + "user=" + direct.user().orElseThrow(), "--set",
                    "database.timeout-seconds=1"));
            CompletableFuture<Cli.Run> session = CompletableFuture.supplyAsync(() -> cli.run("run", "--duration",
                    "16s"));
            Thread.sleep(5_000);
            proxy.stopAccepting();
            proxy.dropConnections();
            Thread.sleep(7_000);
            proxy.resumeAccepting();
            Cli.Run run = session.get(2, TimeUnit.MINUTES);

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).as(run.toString()).contains("open orders not known (database unavailable)")
                    .contains("may be stale").contains("New orders are refused until it is back")
                    .contains("database unavailable");
            assertThat(run.err()).as(run.toString()).doesNotContain("failed");
        } finally {
            TemplateDatabase.drop(database);
        }
    }
}
