package dev.tradingcore.adapters.postgres.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tradingcore.adapters.postgres.audit.AuditMapper;
import dev.tradingcore.adapters.postgres.audit.AuditRow;
import dev.tradingcore.adapters.postgres.json.Json;
import dev.tradingcore.adapters.postgres.json.MalformedStoredJsonException;
import dev.tradingcore.adapters.postgres.mybatis.Transactions;
import dev.tradingcore.domain.audit.AuditEvent;
import dev.tradingcore.domain.state.BrokerBinding;
import dev.tradingcore.domain.state.LedgerIdentity;
import io.vavr.control.Option;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;

/**
 * {@link LedgerIdentity} on {@code system_state} (rows of V9):
 *
 * <ul>
 *   <li>{@code ledger_id}: a UUID as a JSON string, given by {@code gen_random_uuid()} at the first call; JSON
 *       {@code null} until then;</li>
 *   <li>{@code broker_account}: {@code {"account": "...", "broker": "...", "bound_at": "2026-11-23T15:00:00Z"}}, or
 *       JSON {@code null} before the first binding.</li>
 * </ul>
 * A document of any other shape is a {@link MalformedStoredJsonException} naming the key, never a default.
 */
final class MyBatisLedgerIdentity implements LedgerIdentity {

    static final String LEDGER_ID = "ledger_id";
    static final String BROKER_ACCOUNT = "broker_account";

    private final SqlSessionFactory sessions;
    private final Clock clock;

    MyBatisLedgerIdentity(SqlSessionFactory sessions, Clock clock) {
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public String ledgerId() {
        Instant now = clock.instant();
        SystemStateRow row;
        try (SqlSession session = sessions.openSession(true)) {
            SystemStateMapper mapper = session.getMapper(SystemStateMapper.class);
            mapper.claimRandomId(LEDGER_ID, now, "This ledger's id, given at the first start of a core on this"
                    + " database");
            row = mapper.find(LEDGER_ID);
        }
        String where = "system_state key " + LEDGER_ID;
        JsonNode value = row == null ? null : Json.read(row.value(), where);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new MalformedStoredJsonException(where + ": expected the ledger's id as a JSON string, found "
                    + (row == null ? "no row" : row.value()));
        }
        return value.textValue();
    }

    @Override
    public Option<BrokerBinding> binding() {
        SystemStateRow row;
        try (SqlSession session = sessions.openSession(true)) {
            row = session.getMapper(SystemStateMapper.class).find(BROKER_ACCOUNT);
        }
        if (row == null) {
            return Option.none();
        }
        String where = "system_state key " + BROKER_ACCOUNT;
        JsonNode value = Json.read(row.value(), where);
        if (value.isNull()) {
            return Option.none();
        }
        ObjectNode object = Json.requireFields(value, where, "account", "broker", "bound_at");
        try {
            return Option.some(new BrokerBinding(Json.text(object, "account", where), Json.text(object, "broker",
                    where), Instant.parse(Json.text(object, "bound_at", where))));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedStoredJsonException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void bind(BrokerBinding binding, AuditEvent audit) {
        ObjectNode value = Json.object();
        value.put("account", binding.account());
        value.put("broker", binding.broker());
        value.put("bound_at", binding.boundAt().toString());
        String json = Json.write(value);
        Instant now = clock.instant();
        Transactions.inTransaction(sessions, session -> {
            session.getMapper(SystemStateMapper.class).upsert(BROKER_ACCOUNT, json, now,
                    "The broker account this ledger's positions come from");
            session.getMapper(AuditMapper.class).insert(AuditRow.of(audit));
            return null;
        });
    }
}
