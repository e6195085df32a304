package dev.tradingcore.archfixtures.julogging.application;

import java.util.logging.Logger;

/** Violates noJavaUtilLogging: an inline JUL call, with no logger field to give it away. */
public final class InlineJulUseCase {
    public void run() {
        Logger.getLogger("use-case").info("ran");
    }
}
