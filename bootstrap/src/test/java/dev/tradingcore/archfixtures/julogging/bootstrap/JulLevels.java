package dev.tradingcore.archfixtures.julogging.bootstrap;

import java.util.logging.Level;

/** Violates noJavaUtilLogging, in bootstrap too. */
public final class JulLevels {
    public Object quiet() {
        return Level.OFF;
    }
}
