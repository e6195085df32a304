package dev.tradingcore.domain.state;

import java.time.Instant;

/**
 * The broker account a ledger's positions come from (key {@code broker_account} of {@code system_state}). A ledger
 * follows one account: reconciling it with another would set its positions to that account's and close, as unknown,
 * every order the other account still works.
 *
 * @param account the broker's own id of the account ({@link dev.tradingcore.domain.port.BrokerGateway#account()})
 * @param broker what the broker was, for a person reading it (e.g. "REST broker at http://127.0.0.1:8765"); at most
 *     200 characters
 * @param boundAt when the ledger was bound to it
 */
public record BrokerBinding(String account, String broker, Instant boundAt) {

    public BrokerBinding {
        if (account == null || account.isBlank() || account.length() > 200) {
            throw new IllegalArgumentException("a broker binding needs the account id (1 to 200 characters)");
        }
        if (broker == null || broker.isBlank()) {
            throw new IllegalArgumentException("a broker binding needs a description of the broker");
        }
        if (boundAt == null) {
            throw new IllegalArgumentException("a broker binding needs the time it was made");
        }
        broker = broker.length() > 200 ? broker.substring(0, 200) : broker;
    }
}
