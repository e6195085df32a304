package dev.tradingcore.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Passwords with every character a URL gives a meaning to ({@code / @ : ? # %}), in {@code DATABASE_URL} as they
 * are and in {@code DATABASE_PASSWORD}, through {@code status} and its failures, each run as its own process: its
 * whole standard output and error (the logs included, at DEBUG for the successful runs) must never hold the
 * password, and the URL must be read right (the login works as the role the test made, on its host, port and
 * database).
 */
class SecretsTest {

    /** In the URL as it is: the credentials end at the last '@'. */
    private static final String IN_URL = "p/w@x:y?z#q%";
    /** Through DATABASE_PASSWORD, which takes any text, a quote and a percent-escape included. */
    private static final String IN_VARIABLE = "S3cr/et@x:y?z#q%2F+'";

    private static String database;
    private static final String URL_ROLE = "tc_secret_url_" + ProcessHandle.current().pid();
    private static final String VARIABLE_ROLE = "tc_secret_var_" + ProcessHandle.current().pid();

    @TempDir
    static Path dir;

    @BeforeAll
    static void rolesWithAwkwardPasswords() throws SQLException {
        database = TemplateDatabase.createFresh();
        try (Connection admin = PostgresServer.get().connectAdmin(); Statement st = admin.createStatement()) {
            for (String role : List.of(URL_ROLE, VARIABLE_ROLE)) {
                st.execute("DROP ROLE IF EXISTS " + role);
            }
            st.execute("CREATE ROLE " + URL_ROLE + " LOGIN PASSWORD '" + IN_URL.replace("'", "''")
                    + "' IN ROLE trading_app");
            st.execute("CREATE ROLE " + VARIABLE_ROLE + " LOGIN PASSWORD '" + IN_VARIABLE.replace("'", "''")
                    + "' IN ROLE trading_app");
        }
    }

    @AfterAll
    static void dropThem() throws SQLException {
        TemplateDatabase.drop(database);
        try (Connection admin = PostgresServer.get().connectAdmin(); Statement st = admin.createStatement()) {
            st.execute("DROP ROLE IF EXISTS " + URL_ROLE);
            st.execute("DROP ROLE IF EXISTS " + VARIABLE_ROLE);
        }
    }

    private static String hosts() {
        return PostgresServer.get().urlOf(database).hosts();
    }

    @Test
    void status_with_the_password_as_it_is_in_the_url_logs_in_and_never_shows_it() throws Exception {
        Child status = run("status-url", true, Map.of("DATABASE_URL",
                "postgresql://" + URL_ROLE + ":" + IN_URL + "@" + hosts() + "/" + database), "status");

        assertThat(status.exit()).as(status.text()).isZero();
        assertThat(status.out()).contains("database        jdbc:postgresql://" + hosts() + "/" + database + " (user "
                + URL_ROLE + ", password ***)").contains("schema version");
        assertNeverShown(status, IN_URL);
    }

    @Test
    void status_with_the_password_in_its_own_variable_logs_in_and_never_shows_it() throws Exception {
        Child status = run("status-variable", true, Map.of("DATABASE_URL",
                "postgresql://" + VARIABLE_ROLE + "@" + hosts() + "/" + database, "DATABASE_PASSWORD", IN_VARIABLE),
                "status");

        assertThat(status.exit()).as(status.text()).isZero();
        assertThat(status.out()).contains("(user " + VARIABLE_ROLE + ", password ***)");
        assertNeverShown(status, IN_VARIABLE);
    }

    @Test
    void a_failure_to_connect_never_shows_the_password_either() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Child missing = run("missing-database", false, Map.of("DATABASE_URL", "postgresql://" + URL_ROLE + ":"
                + IN_URL + "@" + hosts() + "/no_such_database", "DATABASE_TIMEOUT_SECONDS", "2"), "status");
        Child refused = run("refused", false, Map.of("DATABASE_URL", "postgresql://" + VARIABLE_ROLE + "@127.0.0.1:"
                + closed + "/" + database, "DATABASE_PASSWORD", IN_VARIABLE, "DATABASE_TIMEOUT_SECONDS", "2"),
                "status");

        assertThat(missing.exit()).as(missing.text()).isEqualTo(TradingCoreCommand.FAILED);
        assertThat(missing.err()).contains("the database no_such_database does not exist on PostgreSQL at " + hosts());
        assertNeverShown(missing, IN_URL);
        assertThat(refused.exit()).as(refused.text()).isEqualTo(TradingCoreCommand.FAILED);
        assertThat(refused.err()).contains("127.0.0.1:" + closed + "/" + database + ": connection refused");
        assertNeverShown(refused, IN_VARIABLE);
    }

    private static void assertNeverShown(Child child, String password) {
        String everything = child.text();
        assertThat(everything).as("the whole password").doesNotContain(password);
        // Nor a recognisable part of it: its two halves (a password cut at a '/' or '@' showed its end).
        assertThat(everything).as("its first half").doesNotContain(password.substring(0, password.length() / 2));
        assertThat(everything).as("its second half").doesNotContain(password.substring(password.length() / 2));
        assertThat(everything).as("percent-encoded")
                .doesNotContain(java.net.URLEncoder.encode(password, StandardCharsets.UTF_8));
    }

    record Child(int exit, String out, String err) {
        String text() {
            return "exit " + exit + "\n--- out\n" + out + "\n--- err\n" + err;
        }
    }

    /** {@code java ... Main args} with our variables replaced by {@code environment}. */
    private static Child run(String name, boolean debugLogs, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-Duser.home=" + dir.resolve("home")));
        if (debugLogs) {
            Path config = dir.resolve("logback-debug.xml");
            Files.writeString(config, """
                    <configuration>
                      <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                        <target>System.err</target>
                        <encoder><pattern>%level %logger - %msg%n</pattern></encoder>
                      </appender>
                      <logger name="org.jboss.weld" level="INFO"/>
                      <root level="DEBUG"><appender-ref ref="STDERR"/></root>
                    </configuration>
                    """);
            command.add("-Dlogback.configurationFile=" + config);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(k -> k.matches("(DATABASE|EMBEDDED|TRADING|BROKER|ALERTS|MONITORING"
                + "|BACKUP)_.*"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        try {
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                throw new AssertionError(name + " did not end within 90 s");
            }
        } finally {
            process.destroyForcibly();
        }
        return new Child(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
