package dev.tradingcore.adapters.broker.simulated;

/**
 * The exchange's journal refused a change (a full disk, a failed write or fsync), so its memory holds a change the
 * disk does not: it answers nothing more, rather than acknowledge what a crash could take back. Restarting it replays
 * the journal, which holds every change it acknowledged.
 */
public final class ExchangeStopped extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    ExchangeStopped(Throwable cause) {
        super("the exchange stopped because its journal could not take a change (" + cause.getMessage() + "): restart"
                + " it; it continues from its journal with every change it acknowledged", cause);
    }
}
