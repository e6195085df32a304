package dev.tradingcore.archfixtures.compliant.bootstrap;

import dev.tradingcore.archfixtures.compliant.adapters.alerting.LogAlertSink;
import dev.tradingcore.archfixtures.compliant.adapters.broker.SimulatedBroker;
import dev.tradingcore.archfixtures.compliant.adapters.postgres.PostgresOrderRepository;
import dev.tradingcore.archfixtures.compliant.application.SubmittingOrder;
import dev.tradingcore.archfixtures.compliant.domain.port.AlertSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import javax.sql.DataSource;

/** Compliant: bootstrap knows every module, uses CDI, SQL types and the system clock. */
@ApplicationScoped
public class Wiring {

    @Produces
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    SubmittingOrder submittingOrder(DataSource dataSource, Clock clock) {
        return new SubmittingOrder(new PostgresOrderRepository(dataSource), new SimulatedBroker(1.0), clock);
    }

    @Produces
    AlertSink alertSink() {
        return new LogAlertSink();
    }
}
