package dev.tradingcore.adapters.postgres.fill;

import dev.tradingcore.domain.fill.FillJournal;
import org.apache.ibatis.session.SqlSessionFactory;

/** Entry point of this package for {@link dev.tradingcore.adapters.postgres.PostgresPersistence}. */
public final class PostgresFills {

    private PostgresFills() {}

    public static FillJournal journal(SqlSessionFactory sessions) {
        return new MyBatisFillJournal(sessions);
    }
}
