package dev.tradingcore.domain.fakes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.state.SystemStateRepositoryContract;
import org.junit.jupiter.api.Test;

class InMemorySystemStateRepositoryTest extends SystemStateRepositoryContract {

    private final InMemorySystemStateRepository repository = new InMemorySystemStateRepository();

    @Override
    protected SystemStateRepository repository() {
        return repository;
    }

    @Test
    void a_fresh_store_does_not_trade_has_no_limits_and_was_never_reconciled() {
        InMemorySystemStateRepository fresh = new InMemorySystemStateRepository();

        assertThat(fresh.tradingSwitch().enabled()).isFalse();
        assertThat(fresh.riskLimits().isEmpty()).isTrue();
        assertThat(fresh.lastReconciliation().isEmpty()).isTrue();
    }
}
