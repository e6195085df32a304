package dev.tradingcore.archfixtures.cdileak.adapters.alerting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Violates cdiOnlyInBootstrap: an adapter annotated for CDI. */
@ApplicationScoped
public class InjectedAlertSink {
    @Inject
    public InjectedAlertSink() {}
}
