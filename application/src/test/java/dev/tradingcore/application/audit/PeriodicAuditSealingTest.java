package dev.tradingcore.application.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.domain.audit.seal.AuditDigest;
import dev.tradingcore.domain.audit.seal.AuditSealer;
import dev.tradingcore.domain.audit.seal.SealedBlock;
import dev.tradingcore.domain.common.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The schedule of sealing: rounds while the core runs, one at close, digests out when asked, failures survived. */
class PeriodicAuditSealingTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T15:00:00Z"), ZoneOffset.UTC);
    private static final AuditDigest DIGEST = new AuditDigest(7, "ab".repeat(32));

    /** Counts rounds; the first ones fail as a database away would. */
    private static final class CountingSealer implements AuditSealer {
        final AtomicInteger rounds = new AtomicInteger();
        final int failing;

        CountingSealer(int failing) {
            this.failing = failing;
        }

        @Override
        public List<SealedBlock> sealPending() {
            if (rounds.incrementAndGet() <= failing) {
                throw new StoreUnavailableException("database away");
            }
            return List.of();
        }

        @Override
        public Optional<AuditDigest> newestDigest() {
            return Optional.of(DIGEST);
        }
    }

    @Test
    void it_seals_every_interval_goes_on_after_failures_and_seals_once_more_at_close() throws Exception {
        CountingSealer sealer = new CountingSealer(2);
        RecordingAlertSink alerts = new RecordingAlertSink();
        PeriodicAuditSealing sealing = new PeriodicAuditSealing(sealer, alerts, CLOCK, Duration.ofMillis(20),
                Optional.empty());
        sealing.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sealer.rounds.get() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(sealer.rounds.get()).isGreaterThanOrEqualTo(5);
        assertThat(sealing.roundsFailed()).isEqualTo(2);

        sealing.close();
        int atClose = sealer.rounds.get();
        Thread.sleep(100);

        assertThat(sealer.rounds.get()).as("nothing after close").isEqualTo(atClose);
        assertThat(alerts.titled("Audit digest")).isEmpty();
    }

    @Test
    void it_seals_at_close_only_if_it_was_started() {
        CountingSealer sealer = new CountingSealer(0);
        PeriodicAuditSealing sealing = new PeriodicAuditSealing(sealer, new RecordingAlertSink(), CLOCK,
                Duration.ofSeconds(5), Optional.empty());
        sealing.close();
        assertThat(sealer.rounds.get()).isZero();

        PeriodicAuditSealing started = new PeriodicAuditSealing(sealer, new RecordingAlertSink(), CLOCK,
                Duration.ofHours(1), Optional.empty());
        started.start();
        started.close();
        assertThat(sealer.rounds.get()).isEqualTo(1);
    }

    @Test
    void digests_go_to_the_alert_sinks_on_their_schedule() throws Exception {
        RecordingAlertSink alerts = new RecordingAlertSink();
        PeriodicAuditSealing sealing = new PeriodicAuditSealing(new CountingSealer(0), alerts, CLOCK,
                Duration.ofHours(1), Optional.of(Duration.ofMillis(20)));
        sealing.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (alerts.titled("Audit digest").size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sealing.close();

        assertThat(alerts.titled("Audit digest")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(alerts.titled("Audit digest").get(0).title()).isEqualTo("Audit digest");
        assertThat(alerts.titled("Audit digest").get(0).context().get("digest").get()).isEqualTo(DIGEST.toString());
        assertThat(alerts.titled("Audit digest").get(0).message()).contains("audit verify --digest " + DIGEST);
    }
}
