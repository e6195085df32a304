package dev.tradingcore.bootstrap.simulation;

/**
 * The simulated core process dies here: thrown from inside a port call, it unwinds every use case on the way out, as
 * SIGKILL would stop them, and the session starts a new core over what the store holds. An {@link Error}, so that no
 * {@code catch (RuntimeException)} in the core can swallow it and carry on as if the process had survived.
 */
final class SimulatedCrash extends Error {

    private static final long serialVersionUID = 1L;

    SimulatedCrash(String where) {
        super("simulated crash " + where, null, false, false);
    }
}
