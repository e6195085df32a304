package dev.tradingcore.archfixtures.standardstreams.bootstrap;

/** Violates noStandardStreams: printStackTrace, even in bootstrap. */
public final class NoisyMain {
    public void fail(IllegalStateException e) {
        e.printStackTrace();
    }
}
