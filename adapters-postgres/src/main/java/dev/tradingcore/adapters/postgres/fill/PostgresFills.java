package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.domain.fill.FillJournal;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresFills {

    private PostgresFills() {}

    /** One transaction per fill, on the caller's thread. */
    public static FillJournal journal(SqlSessionFactory sessions) {
        return new MyBatisFillJournal(sessions);
    }

    /**
     * The production fill path: concurrent fills booked together, one transaction and one commit per batch, each
     * caller answered after the commit. Make one per pool and share it: its writers are what combine.
     */
    public static FillJournal combining(SqlSessionFactory sessions) {
        return new CombiningFillJournal(sessions);
    }

    /** What {@code journal} committed so far, if it is a combining journal (the bench reads it). */
    public static java.util.Optional<FillBatchStatistics> statistics(FillJournal journal) {
        return journal instanceof CombiningFillJournal combining ? java.util.Optional.of(combining.statistics())
                : java.util.Optional.empty();
    }
}
