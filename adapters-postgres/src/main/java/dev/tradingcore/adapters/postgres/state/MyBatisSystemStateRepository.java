package dev.tradingcore.adapters.postgres.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.domain.common.Money;
import dev.tradingcore.domain.risk.RiskLimits;
import dev.tradingcore.domain.state.SystemStateRepository;
import dev.tradingcore.domain.state.TradingSwitch;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * {@link SystemStateRepository} on {@code system_state}, one JSON document per key:
 *
 * <ul>
 *   <li>{@code trading_enabled}: {@code {"enabled": true, "reason": "...", "changed_at": "2026-11-23T15:00:00Z"}};
 *       the bare boolean of the initial row ({@code true}) is read as that setting with no recorded reason, changed
 *       when the row was written;
 *   <li>{@code risk_limits}: {@code {"max_position_size": 10000.00, "max_daily_loss": 5000.00}}, exact numbers in
 *       account currency, exactly these two fields; JSON {@code null} means not configured;
 *   <li>{@code last_reconciliation}: an ISO-8601 instant as a JSON string, or JSON {@code null} for never;
 *   <li>{@code start_of_day}: {@code {"day": "2026-12-03", "zone": "America/New_York", "equity": 1000000.00,
 *       "taken_at": "2026-12-03T14:30:00Z", "halted_at": null}}, the equity the trading day's P&amp;L counts from,
 *       and when the daily loss limit halted trading that day (null: it did not).
 * </ul>
 *
 * A document of any other shape is a {@link MalformedStoredJsonException} naming the key, never a default.
 * {@code updated_at} of a written row is the injected clock's time.
 */
final class MyBatisSystemStateRepository implements SystemStateRepository {

    static final String TRADING_ENABLED = "trading_enabled";
    static final String RISK_LIMITS = "risk_limits";
    static final String LAST_RECONCILIATION = "last_reconciliation";
    static final String START_OF_DAY = "start_of_day";

    /** Reason given to the bare boolean of the initial row, which records none. */
    static final String NO_REASON_RECORDED = "initial setting (no reason recorded)";

    private final SqlSessionFactory sessions;
    private final Clock clock;

    MyBatisSystemStateRepository(SqlSessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public TradingSwitch tradingSwitch() {
        SystemStateRow row = find(TRADING_ENABLED);
        if (row == null) {
            return TradingSwitch.off("no " + TRADING_ENABLED + " state is stored: trading stays off until switched "
                    + "on", Instant.EPOCH);
        }
        String where = where(TRADING_ENABLED);
        JsonNode value = Json.read(row.value(), where);
        if (value.isBoolean()) {
            return new TradingSwitch(value.booleanValue(), NO_REASON_RECORDED, row.updatedAt());
        }
        ObjectNode object = Json.requireFields(value, where, "enabled", "reason", "changed_at");
        JsonNode enabled = object.get("enabled");
        if (!enabled.isBoolean()) {
            throw new MalformedStoredJsonException(where + ": field 'enabled' must be true or false, found "
                    + enabled);
        }
        String reason = Json.text(object, "reason", where);
        Instant changedAt = instant(Json.text(object, "changed_at", where), where);
        try {
            return new TradingSwitch(enabled.booleanValue(), reason, changedAt);
        } catch (IllegalArgumentException e) {
            throw new MalformedStoredJsonException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveTradingSwitch(TradingSwitch tradingSwitch) {
        ObjectNode value = Json.object();
        value.put("enabled", tradingSwitch.enabled());
        value.put("reason", tradingSwitch.reason());
        value.put("changed_at", tradingSwitch.changedAt().toString());
        write(TRADING_ENABLED, value, "Master trading switch");
    }

    @Override
    public Option<RiskLimits> riskLimits() {
        SystemStateRow row = find(RISK_LIMITS);
        if (row == null) {
            return Option.none();
        }
        String where = where(RISK_LIMITS);
        JsonNode value = Json.read(row.value(), where);
        if (value.isNull()) {
            return Option.none();
        }
        ObjectNode object = Json.requireFields(value, where, "max_position_size", "max_daily_loss");
        try {
            return Option.some(new RiskLimits(new Money(Json.decimal(object, "max_position_size", where)),
                    new Money(Json.decimal(object, "max_daily_loss", where))));
        } catch (IllegalArgumentException e) {
            throw new MalformedStoredJsonException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveRiskLimits(RiskLimits limits) {
        ObjectNode value = Json.object();
        value.put("max_position_size", limits.maxPositionSize().amount());
        value.put("max_daily_loss", limits.maxDailyLoss().amount());
        write(RISK_LIMITS, value, "Risk limit configuration");
    }

    @Override
    public Option<Instant> lastReconciliation() {
        SystemStateRow row = find(LAST_RECONCILIATION);
        if (row == null) {
            return Option.none();
        }
        String where = where(LAST_RECONCILIATION);
        JsonNode value = Json.read(row.value(), where);
        if (value.isNull()) {
            return Option.none();
        }
        if (!value.isTextual()) {
            throw new MalformedStoredJsonException(where + ": expected an ISO-8601 instant as a JSON string or null, "
                    + "found " + value);
        }
        return Option.some(instant(value.textValue(), where));
    }

    @Override
    public void saveLastReconciliation(Instant at) {
        write(LAST_RECONCILIATION, TextNode.valueOf(at.toString()), "Last position reconciliation timestamp");
    }

    @Override
    public Option<dev.tradingcore.domain.state.StartOfDay> startOfDay() {
        SystemStateRow row = find(START_OF_DAY);
        if (row == null) {
            return Option.none();
        }
        String where = where(START_OF_DAY);
        JsonNode value = Json.read(row.value(), where);
        if (value.isNull()) {
            return Option.none();
        }
        // halted_at may be absent: a day written before the kill switch recorded it had no halt.
        ObjectNode object = value.has("halted_at")
                ? Json.requireFields(value, where, "day", "zone", "equity", "taken_at", "halted_at")
                : Json.requireFields(value, where, "day", "zone", "equity", "taken_at");
        try {
            return Option.some(new dev.tradingcore.domain.state.StartOfDay(
                    java.time.LocalDate.parse(Json.text(object, "day", where)),
                    java.time.ZoneId.of(Json.text(object, "zone", where)),
                    new Money(Json.decimal(object, "equity", where)),
                    instant(Json.text(object, "taken_at", where), where),
                    object.get("halted_at") == null || object.get("halted_at").isNull() ? Option.none()
                            : Option.some(instant(Json.text(object, "halted_at", where), where))));
        } catch (java.time.DateTimeException | IllegalArgumentException e) {
            throw new MalformedStoredJsonException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void saveStartOfDay(dev.tradingcore.domain.state.StartOfDay startOfDay) {
        ObjectNode value = Json.object();
        value.put("day", startOfDay.day().toString());
        value.put("zone", startOfDay.zone().getId());
        value.put("equity", startOfDay.equity().amount());
        value.put("taken_at", startOfDay.takenAt().toString());
        if (startOfDay.haltedAt().isDefined()) {
            value.put("halted_at", startOfDay.haltedAt().get().toString());
        } else {
            value.putNull("halted_at");
        }
        write(START_OF_DAY, value, "Equity at the start of the trading day (the daily loss limit counts from it)");
    }

    private SystemStateRow find(String key) {
        return run(mapper -> mapper.find(key));
    }

    private void write(String key, JsonNode value, String description) {
        String json = Json.write(value);
        Instant now = clock.instant();
        run(mapper -> mapper.upsert(key, json, now, description));
    }

    private static Instant instant(String text, String where) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new MalformedStoredJsonException(where + ": '" + text + "' is not an ISO-8601 instant such as "
                    + "2026-11-23T15:00:00Z", e);
        }
    }

    private static String where(String key) {
        return "system_state key " + key;
    }

    private <T> T run(Function<SystemStateMapper, T> statement) {
        try (SqlSession session = sessions.openSession(true)) {
            return statement.apply(session.getMapper(SystemStateMapper.class));
        }
    }
}
