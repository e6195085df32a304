package dev.tradingcore.adapters.postgres.state;

import java.time.Instant;
import org.apache.ibatis.annotations.Param;

/** SQL of the {@code system_state} table; statements in SystemStateMapper.xml beside this interface. */
public interface SystemStateMapper {

    SystemStateRow find(@Param("key") String key);

    /**
     * Sets the value of a key, inserting the row (with the description) if the key is new; an existing row keeps its
     * description.
     */
    int upsert(@Param("key") String key, @Param("value") String value, @Param("updatedAt") Instant updatedAt,
            @Param("description") String description);

    /**
     * Gives {@code key} the text {@code gen_random_uuid()} makes, as a JSON string, unless it already holds something
     * other than JSON null; concurrent callers agree on one value (the row's lock decides).
     */
    int claimRandomId(@Param("key") String key, @Param("updatedAt") Instant updatedAt,
            @Param("description") String description);
}
