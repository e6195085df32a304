package dev.tradingcore.archfixtures.cdileak.application;

import org.jboss.weld.environment.se.Weld;

/** Violates cdiOnlyInBootstrap: Weld in a use case. */
public final class WeldStarter {
    public Weld container() {
        return new Weld();
    }
}
