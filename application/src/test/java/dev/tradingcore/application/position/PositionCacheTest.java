package dev.tradingcore.application.position;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.common.Price;
import dev.tradingcore.domain.common.Symbol;
import dev.tradingcore.domain.fakes.InMemoryPositionRepository;
import dev.tradingcore.domain.position.Position;
import dev.tradingcore.domain.position.VersionedPosition;
import io.vavr.control.Option;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PositionCacheTest {

    private static final Instant T = Instant.parse("2026-11-23T15:00:00Z");
    private static final Symbol AAPL = Symbol.of("AAPL");

    private static VersionedPosition aaplAt(long version) {
        return new VersionedPosition(Position.opened(AAPL, BigDecimal.valueOf(version), Price.of("100"),
                BigDecimal.ZERO, BigDecimal.ZERO, Option.none(), T), version);
    }

    @Test
    void an_older_state_arriving_late_does_not_replace_the_newer_one() {
        PositionCache cache = new PositionCache();

        cache.accept(aaplAt(2));
        cache.accept(aaplAt(1));

        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("2");
        assertThat(cache.versionOf(AAPL)).isEqualTo(2);
    }

    @Test
    void whatever_the_interleaving_of_committed_states_the_newest_stays() throws InterruptedException {
        PositionCache cache = new PositionCache();
        List<Long> versions = new ArrayList<>();
        for (long v = 1; v <= 2_000; v++) {
            versions.add(v);
        }
        Collections.shuffle(versions, new Random(42));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (Long v : versions) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cache.accept(aaplAt(v));
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(cache.versionOf(AAPL)).isEqualTo(2_000);
        assertThat(cache.get(AAPL).get().quantity()).isEqualByComparingTo("2000");
    }

    @Test
    void it_loads_every_stored_position_with_its_version() {
        InMemoryPositionRepository repository = new InMemoryPositionRepository();
        repository.save(Position.flat(Symbol.of("MSFT"), T));
        repository.save(aaplAt(5).position());
        repository.save(aaplAt(6).position());
        PositionCache cache = new PositionCache();

        cache.loadFrom(repository);

        assertThat(cache.all().map(p -> p.symbol().value())).containsExactly("AAPL", "MSFT");
        assertThat(cache.versionOf(AAPL)).isEqualTo(2);
        assertThat(cache.open().map(p -> p.symbol().value())).containsExactly("AAPL");
        assertThat(cache.get(Symbol.of("NVDA")).isEmpty()).isTrue();
    }
}
