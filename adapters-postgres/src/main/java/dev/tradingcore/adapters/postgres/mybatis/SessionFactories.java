package dev.tradingcore.adapters.postgres.mybatis;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;

/**
 * Builds the MyBatis session factory of one pool. Mappers are registered here by name, not discovered: each mapper
 * interface's XML sits on the same package path and is loaded with it.
 */
public final class SessionFactories {

    private SessionFactories() {}

    /**
     * A factory over {@code dataSource} knowing the given mappers.
     *
     * @param name names the environment (the pool), shown in MyBatis errors
     */
    public static SqlSessionFactory create(String name, DataSource dataSource, List<Class<?>> mappers) {
        Configuration configuration = new Configuration(new Environment(name, new JdbcTransactionFactory(), dataSource));
        configuration.setMapUnderscoreToCamelCase(false);
        configuration.setAutoMappingBehavior(org.apache.ibatis.session.AutoMappingBehavior.NONE);
        configuration.setDefaultExecutorType(ExecutorType.REUSE);
        configuration.setCacheEnabled(false);
        configuration.setLocalCacheScope(org.apache.ibatis.session.LocalCacheScope.STATEMENT);
        configuration.setUseGeneratedKeys(false);
        configuration.setJdbcTypeForNull(org.apache.ibatis.type.JdbcType.NULL);
        configuration.setDefaultStatementTimeout(null);
        configuration.getTypeHandlerRegistry().register(Instant.class, new UtcInstantTypeHandler());
        for (Class<?> mapper : mappers) {
            configuration.addMapper(mapper);
        }
        return new SqlSessionFactoryBuilder().build(configuration);
    }
}
