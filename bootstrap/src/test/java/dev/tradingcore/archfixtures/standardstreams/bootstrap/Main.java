package dev.tradingcore.archfixtures.standardstreams.bootstrap;

/** Spared: System.exit is not a stream. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(args.length);
    }
}
