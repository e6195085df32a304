package dev.tradingcore.bootstrap.cli;


/** The runnable jar's entry point: {@code java -jar bootstrap/target/trading-core.jar <command>}. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(TradingCoreCommand.execute(args));
    }
}
