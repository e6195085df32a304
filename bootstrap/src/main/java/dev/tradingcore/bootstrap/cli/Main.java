package dev.tradingcore.bootstrap.cli;

/** The runnable jar's entry point: {@code java -jar bootstrap/target/trading-core.jar <command>}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int status = TradingCoreCommand.execute(args);
        // The fill lines wait in a queue of their own (logback-appenders-*.xml): written out before the JVM ends.
        LogFormat.flush();
        System.exit(status);
    }
}
