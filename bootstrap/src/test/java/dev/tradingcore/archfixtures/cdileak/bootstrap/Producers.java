package dev.tradingcore.archfixtures.cdileak.bootstrap;

import dev.tradingcore.archfixtures.cdileak.adapters.alerting.PlainAlertSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.weld.environment.se.Weld;

/** Spared: CDI belongs in bootstrap. */
@ApplicationScoped
public class Producers {
    @Produces
    PlainAlertSink alertSink() {
        return new PlainAlertSink();
    }

    Weld container() {
        return new Weld().disableDiscovery().addBeanClasses(Producers.class);
    }
}
