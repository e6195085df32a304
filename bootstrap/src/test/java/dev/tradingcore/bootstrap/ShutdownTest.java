package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.adapters.broker.simulated.SimulatedBroker;
import dev.tradingcore.adapters.broker.simulated.SimulationConfig;
import dev.tradingcore.adapters.postgres.testing.PostgresServer;
import dev.tradingcore.adapters.postgres.testing.TemplateDatabase;
import dev.tradingcore.application.audit.AsyncAuditLogger;
import dev.tradingcore.application.audit.AuditLoggerStats;
import dev.tradingcore.application.audit.AuditShutdownReport;
import dev.tradingcore.bootstrap.config.Settings;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.audit.AuditSeverity;
import dev.tradingcore.domain.fakes.RecordingAlertSink;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * Closing the core writes every background audit event it accepted before the pools close: every event written, no
 * write attempt failed, the logger's shutdown clean (no timeout waited out, which is what a flush after the pools
 * closed would end in).
 */
class ShutdownTest {

    @Test
    void close_flushes_the_audit_logger_before_closing_the_pools() throws Exception {
        String database = TemplateDatabase.createEmpty();
        try {
            RecordingAlertSink alerts = new RecordingAlertSink();
            TradingCore core = TradingCore.builder()
                    .settings(Settings.fromEnvironment().withDatabase(PostgresServer.get().urlOf(database)))
                    .broker(SimulatedBroker.create(SimulationConfig.defaults(5), Clock.systemUTC()))
                    .alerts(alerts).backgroundJobs(false).start();
            for (int i = 0; i < 50; i++) {
                core.auditLogger().log(AuditEvent.of(Clock.systemUTC().instant(), "test", "just_before_close",
                        AuditSeverity.INFO, AuditEvent.details("n", Integer.toString(i))));
            }

            AsyncAuditLogger logger = core.auditLogger();
            core.close();
            AuditShutdownReport shutdown = logger.shutdown(); // idempotent: the report of the core's close
            AuditLoggerStats stats = logger.stats();

            try (Connection c = PostgresServer.get().connect(database); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM audit_log WHERE action = 'just_before_close'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("every accepted event written").isEqualTo(50);
            }
            assertThat(alerts.titles()).noneMatch(t -> t.contains("not written"));
            assertThat(shutdown.clean()).as("flushed and stopped: %s", shutdown).isTrue();
            assertThat(stats.failedAttempts()).as("no write attempt failed (the pools were still open)").isZero();
            assertThat(stats.written()).as("written = accepted").isEqualTo(stats.queued());
        } finally {
            TemplateDatabase.drop(database);
        }
    }
}
