package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * After {@code restore} on the embedded server, the next step it prints works when typed: it pointed at the server
 * that had just stopped with the command (a URL nothing listened on any more).
 */
class RestoreHintTest {

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {}

    private Run run(Map<String, String> environment, List<String> embedded, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(embedded);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = TradingCoreCommand.newCommandLine(environment);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void the_next_step_after_restoring_on_the_embedded_server_reaches_the_restored_database() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> embedded = List.of("--set", "embedded.data-directory=" + dir.resolve("pgdata"), "--set",
                "embedded.port=" + port);
        assertThat(run(Map.of(), embedded, "migrate").exitCode()).isZero();
        Run backup = run(Map.of(), embedded, "backup", "--to", dir.resolve("backups").toString());
        assertThat(backup.exitCode()).as(backup.err()).isZero();
        Matcher dump = Pattern.compile("backup of .*: (\\S+\\.dump)").matcher(backup.out());
        assertThat(dump.find()).as(backup.out()).isTrue();

        Run restore = run(Map.of(), embedded, "restore", "--from", dump.group(1));

        assertThat(restore.exitCode()).as(restore.err()).isZero();
        String hint = restore.out().lines().filter(l -> l.contains("trading-core reconcile-only")).findFirst()
                .orElseThrow(() -> new AssertionError("no next step in\n" + restore.out())).strip();
        Map<String, String> settings = new LinkedHashMap<>();
        Matcher assignment = Pattern.compile("([A-Z_]+)='?([^' ]+)'? ").matcher(hint);
        while (assignment.lookingAt()) {
            settings.put(assignment.group(1), assignment.group(2));
            assignment.region(assignment.end(), hint.length());
        }
        String restored = restore.out().lines().filter(l -> l.startsWith("restored ")).findFirst().orElseThrow()
                .replaceAll(".* into database ", "");
        // Typed as printed (with the simulated broker for "--broker paper --broker-url URL"):
        Run status = run(settings, embedded, "status");
        Run reconcile = run(settings, embedded, "reconcile-only", "--simulation-state",
                dir.resolve("simulation.json").toString());

        assertThat(status.exitCode()).as("%s%n%s", hint, status.err()).isZero();
        assertThat(status.out()).as("it reached the restored database")
                .contains("embedded PostgreSQL in " + dir.resolve("pgdata") + " on port " + port + ", database "
                        + restored).contains("(0 pending)");
        assertThat(reconcile.exitCode()).as("%s%n%s%n%s", hint, reconcile.out(), reconcile.err()).isZero();
        assertThat(restore.out()).contains("To trade on it, give every command EMBEDDED_DATABASE=" + restored);
    }
}
