package dev.tradingcore.adapters.postgres.mybatis;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

/**
 * {@link Instant} to and from {@code TIMESTAMPTZ} through {@link OffsetDateTime}, which pgjdbc maps without going
 * through the JVM's default time zone (as {@code java.sql.Timestamp} would): a trade's time is the same instant on
 * every machine.
 */
@MappedTypes(Instant.class)
public final class UtcInstantTypeHandler extends BaseTypeHandler<Instant> {

    @Override
    public void setNonNullParameter(PreparedStatement ps, int i, Instant parameter, JdbcType jdbcType)
            throws SQLException {
        ps.setObject(i, OffsetDateTime.ofInstant(parameter, ZoneOffset.UTC));
    }

    @Override
    public Instant getNullableResult(ResultSet rs, String columnName) throws SQLException {
        OffsetDateTime value = rs.getObject(columnName, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public Instant getNullableResult(ResultSet rs, int columnIndex) throws SQLException {
        OffsetDateTime value = rs.getObject(columnIndex, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public Instant getNullableResult(CallableStatement cs, int columnIndex) throws SQLException {
        OffsetDateTime value = cs.getObject(columnIndex, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
