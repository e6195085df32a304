package dev.tradingcore.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting.AlertsUsingBroker;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.broker.BrokerUsingPostgres;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.kafka.KafkaUsingBroker;
import dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres.PostgresUsingBootstrap;
import dev.tradingcore.archfixtures.adapterscoupled.application.UseCaseUsingAlerting;
import dev.tradingcore.archfixtures.adapterscoupled.bootstrap.Wiring;
import dev.tradingcore.archfixtures.adapterscoupled.domain.OrderUsingApplication;
import dev.tradingcore.archfixtures.applicationcoupled.application.ConfiguredUseCase;
import dev.tradingcore.archfixtures.applicationcoupled.application.InjectedUseCase;
import dev.tradingcore.archfixtures.applicationcoupled.application.PlaceOrder;
import dev.tradingcore.archfixtures.applicationcoupled.application.PlaceOrderWithPostgres;
import dev.tradingcore.archfixtures.applicationcoupled.application.PlaceOrderWithSql;
import dev.tradingcore.archfixtures.cdileak.adapters.alerting.InjectedAlertSink;
import dev.tradingcore.archfixtures.cdileak.adapters.alerting.PlainAlertSink;
import dev.tradingcore.archfixtures.cdileak.application.WeldStarter;
import dev.tradingcore.archfixtures.cdileak.bootstrap.Producers;
import dev.tradingcore.archfixtures.cdileak.domain.NamedOrder;
import dev.tradingcore.archfixtures.clockread.adapters.broker.BrokerTimestamps;
import dev.tradingcore.archfixtures.clockread.application.ClockByReference;
import dev.tradingcore.archfixtures.clockread.bootstrap.SystemClock;
import dev.tradingcore.archfixtures.clockread.domain.ClockReadingOrder;
import dev.tradingcore.archfixtures.clockread.domain.InjectedClockOrder;
import dev.tradingcore.archfixtures.concreteport.application.port.in.SubmitOrderHandler;
import dev.tradingcore.archfixtures.concreteport.domain.order.OrderService;
import dev.tradingcore.archfixtures.concreteport.domain.port.AbstractGateway;
import dev.tradingcore.archfixtures.concreteport.domain.port.BrokerFailure;
import dev.tradingcore.archfixtures.concreteport.domain.port.BrokerGateway;
import dev.tradingcore.archfixtures.concreteport.domain.port.GatewaySupport;
import dev.tradingcore.archfixtures.concreteport.domain.port.Urgency;
import dev.tradingcore.archfixtures.cycle.domain.order.Order;
import dev.tradingcore.archfixtures.cycle.domain.position.Position;
import dev.tradingcore.archfixtures.cycle.domain.trade.Trade;
import dev.tradingcore.archfixtures.floatingpoint.adapters.broker.QuoteFeed;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.BoxedFloatPrice;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.DoubleSeries;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.ExactPosition;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.FloatRecord;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.GenericDoubles;
import dev.tradingcore.archfixtures.floatingpoint.domain.position.PrimitiveDoublePosition;
import dev.tradingcore.archfixtures.genericexceptions.adapters.postgres.NamedThrowingRepository;
import dev.tradingcore.archfixtures.genericexceptions.adapters.postgres.PersistenceFailure;
import dev.tradingcore.archfixtures.genericexceptions.adapters.postgres.ThrowingRepository;
import dev.tradingcore.archfixtures.genericexceptions.application.ThrowingUseCase;
import dev.tradingcore.archfixtures.genericexceptions.bootstrap.ThrowingMain;
import dev.tradingcore.archfixtures.impuredomain.adapters.postgres.JdbcOrders;
import dev.tradingcore.archfixtures.impuredomain.domain.LoggingOrder;
import dev.tradingcore.archfixtures.impuredomain.domain.OrderUsingJdbc;
import dev.tradingcore.archfixtures.impuredomain.domain.PureOrder;
import dev.tradingcore.archfixtures.julogging.adapters.alerting.JulAlertSink;
import dev.tradingcore.archfixtures.julogging.adapters.alerting.Slf4jAlertSink;
import dev.tradingcore.archfixtures.julogging.application.InlineJulUseCase;
import dev.tradingcore.archfixtures.julogging.bootstrap.JulLevels;
import dev.tradingcore.archfixtures.persistenceleak.adapters.alerting.AlertsInDatabase;
import dev.tradingcore.archfixtures.persistenceleak.adapters.alerting.AlertsWithDriver;
import dev.tradingcore.archfixtures.persistenceleak.adapters.broker.BrokerWithDataSource;
import dev.tradingcore.archfixtures.persistenceleak.adapters.broker.BrokerWithJdbc;
import dev.tradingcore.archfixtures.persistenceleak.adapters.postgres.PostgresPool;
import dev.tradingcore.archfixtures.persistenceleak.application.PooledUseCase;
import dev.tradingcore.archfixtures.persistenceleak.bootstrap.DatabaseWiring;
import dev.tradingcore.archfixtures.persistenceleak.domain.MigratingOrder;
import dev.tradingcore.archfixtures.standardstreams.adapters.alerting.StderrSink;
import dev.tradingcore.archfixtures.standardstreams.application.PrintingUseCase;
import dev.tradingcore.archfixtures.standardstreams.bootstrap.Main;
import dev.tradingcore.archfixtures.standardstreams.bootstrap.NoisyMain;
import dev.tradingcore.archfixtures.strayclass.Constants;
import dev.tradingcore.archfixtures.strayclass.adapters.Shared;
import dev.tradingcore.archfixtures.strayclass.util.Strings;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The rule helper is code too. Each rule must fail on its fixture case, naming every violating class and none of
 * the near misses planted next to them (a rule that is too strict or too lax both show here), and every rule must
 * pass on the compliant fixture, which is what catches a helper that swapped its allowed and forbidden sides.
 */
class HexagonRulesTest {

    private static final String FIXTURES = "dev.tradingcore.archfixtures";

    /** The first {@code <...>} of a violation line names its origin: a class, or a member as {@code Class.member}. */
    private static final Pattern ORIGIN = Pattern.compile("^[^<]*<([\\w.$]+)");

    // ------------------------------------------------------------------ the compliant project

    @TestFactory
    Stream<DynamicTest> every_rule_passes_on_the_compliant_project_and_selects_something_there() {
        JavaClasses compliant = importCase("compliant");
        return HexagonRules.of(FIXTURES + ".compliant").all().entrySet().stream()
                .map(rule -> dynamicTest(rule.getKey(), () -> {
                    // Empty selections forbidden: a rule that matched nothing (a typo in a layer's package) fails here.
                    EvaluationResult result = rule.getValue().allowEmptyShould(false).evaluate(compliant);
                    assertThat(result.hasViolation()).as("%s on the compliant project:%n%s",
                            rule.getKey(), result.getFailureReport()).isFalse();
                }));
    }

    @TestFactory
    Stream<DynamicTest> every_rule_selects_only_under_its_root() {
        // The compliant classes seen through the rules of another root: nothing is selected, so strict rules fail
        // and lenient ones pass. This shows the strict run above is a real check, not a formality.
        JavaClasses compliant = importCase("compliant");
        return HexagonRules.of(FIXTURES + ".elsewhere").all().entrySet().stream()
                .map(rule -> dynamicTest(rule.getKey(), () -> {
                    assertThatThrownBy(() -> rule.getValue().allowEmptyShould(false).evaluate(compliant))
                            .as("strict %s with nothing selected", rule.getKey())
                            .hasMessageContaining("failed to check any classes");
                    assertThat(rule.getValue().evaluate(compliant).hasViolation())
                            .as("lenient %s with nothing selected", rule.getKey()).isFalse();
                }));
    }

    @Test
    void every_rule_has_a_test_proving_it_can_fail() {
        List<String> tests = Arrays.stream(HexagonRulesTest.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .toList();
        assertThat(HexagonRules.of(FIXTURES).all().keySet())
                .allSatisfy(rule -> assertThat(tests).anyMatch(test -> test.startsWith(rule + "_catches_")));
    }

    @Test
    void the_root_must_be_a_plain_package_name() {
        String[] notPackages = {null, "", "dev.tradingcore.", "dev..tradingcore", "dev.tradingcore..", "Dev.X"};
        for (String root : notPackages) {
            assertThatThrownBy(() -> HexagonRules.of(root)).as(root).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(HexagonRules.of("dev.tradingcore").all()).hasSize(13);
    }

    // ------------------------------------------------------------------ one violating case per rule

    @Test
    void domainIsPure_catches_sql_and_foreign_libraries_in_the_domain() {
        Evaluation evaluation = evaluate("impuredomain", HexagonRules::domainIsPure);
        evaluation.namesAsViolators(OrderUsingJdbc.class, LoggingOrder.class);
        evaluation.spares(PureOrder.class, JdbcOrders.class);
        evaluation.mentions("java.sql.Connection", "org.slf4j.Logger");
    }

    @Test
    void applicationDependsOnlyOnDomain_catches_adapters_bootstrap_sql_and_cdi_in_use_cases() {
        Evaluation evaluation = evaluate("applicationcoupled", HexagonRules::applicationDependsOnlyOnDomain);
        evaluation.namesAsViolators(
                PlaceOrderWithPostgres.class, PlaceOrderWithSql.class, InjectedUseCase.class, ConfiguredUseCase.class);
        evaluation.spares(PlaceOrder.class);
    }

    @Test
    void persistenceLibrariesOnlyInPostgresAdapterAndBootstrap_catches_each_library_elsewhere() {
        Evaluation evaluation = evaluate(
                "persistenceleak", HexagonRules::persistenceLibrariesOnlyInPostgresAdapterAndBootstrap);
        evaluation.namesAsViolators(BrokerWithJdbc.class, BrokerWithDataSource.class, AlertsInDatabase.class,
                AlertsWithDriver.class, PooledUseCase.class, MigratingOrder.class);
        evaluation.spares(PostgresPool.class, DatabaseWiring.class);
        evaluation.mentions("java.sql.", "javax.sql.", "org.apache.ibatis.", "org.postgresql.", "com.zaxxer.hikari.",
                "org.flywaydb.");
    }

    @Test
    void cdiOnlyInBootstrap_catches_cdi_in_adapters_application_and_domain() {
        Evaluation evaluation = evaluate("cdileak", HexagonRules::cdiOnlyInBootstrap);
        evaluation.namesAsViolators(InjectedAlertSink.class, NamedOrder.class, WeldStarter.class);
        evaluation.spares(Producers.class, PlainAlertSink.class);
        evaluation.mentions("jakarta.enterprise.", "jakarta.inject.", "org.jboss.weld.");
    }

    @Test
    void adaptersAreIndependent_catches_adapters_using_each_other_and_anyone_else_crossing_a_boundary() {
        Evaluation evaluation = evaluate("adapterscoupled", HexagonRules::adaptersAreIndependent);
        evaluation.namesAsViolators(BrokerUsingPostgres.class, AlertsUsingBroker.class, KafkaUsingBroker.class,
                PostgresUsingBootstrap.class, UseCaseUsingAlerting.class, OrderUsingApplication.class);
        evaluation.spares(Wiring.class,
                dev.tradingcore.archfixtures.adapterscoupled.application.PlaceOrder.class,
                dev.tradingcore.archfixtures.adapterscoupled.adapters.postgres.PostgresOrders.class,
                dev.tradingcore.archfixtures.adapterscoupled.adapters.broker.SimulatedBroker.class,
                dev.tradingcore.archfixtures.adapterscoupled.adapters.alerting.LogSink.class,
                dev.tradingcore.archfixtures.adapterscoupled.bootstrap.Settings.class);
    }

    @Test
    void everyClassBelongsToAModule_catches_classes_outside_the_six_modules() {
        Evaluation evaluation = evaluate("strayclass", HexagonRules::everyClassBelongsToAModule);
        evaluation.namesAsViolators(Strings.class, Constants.class, Shared.class);
        evaluation.spares(dev.tradingcore.archfixtures.strayclass.domain.order.Order.class,
                dev.tradingcore.archfixtures.strayclass.adapters.broker.SimulatedBroker.class,
                dev.tradingcore.archfixtures.strayclass.bootstrap.Main.class);
    }

    @Test
    void noCycles_catches_two_packages_that_reach_each_other() {
        Evaluation evaluation = evaluate("cycle", HexagonRules::noCycles);
        evaluation.namesAsViolators(Order.class, Trade.class);
        evaluation.spares(Position.class);
        evaluation.mentions("package domain.order", "package domain.trade");
        evaluation.doesNotMention("package domain.position");
    }

    @Test
    void portsAreInterfacesOrValues_catches_concrete_and_abstract_classes_in_port_packages() {
        Evaluation evaluation = evaluate("concreteport", HexagonRules::portsAreInterfacesOrValues);
        evaluation.namesAsViolators(GatewaySupport.class, AbstractGateway.class, SubmitOrderHandler.class);
        evaluation.spares(BrokerGateway.class, BrokerFailure.class, Urgency.class, OrderService.class);
    }

    @Test
    void noClockReadsOutsideBootstrap_catches_every_system_clock_read_by_call_or_reference() {
        Evaluation evaluation = evaluate("clockread", HexagonRules::noClockReadsOutsideBootstrap);
        evaluation.namesAsViolators(ClockReadingOrder.class, ClockByReference.class, BrokerTimestamps.class);
        evaluation.spares(InjectedClockOrder.class, SystemClock.class);
        evaluation.mentions("java.time.Instant.now()", "java.time.LocalDateTime.now()", "java.time.LocalDate.now()",
                "java.time.LocalDate.now(java.time.ZoneId)", "java.time.OffsetDateTime.now()",
                "java.time.ZonedDateTime.now()", "java.lang.System.currentTimeMillis()", "java.time.Clock.systemUTC()",
                "java.time.Clock.systemDefaultZone()", "java.time.InstantSource.system()", "java.util.Date.<init>()");
        for (String method : new String[] {"instant", "localDateTime", "localDate", "localDateInZone", "offsetDateTime",
                "zonedDateTime", "millis", "utcClock", "defaultZoneClock", "instantSource", "date"}) {
            evaluation.namesAsViolators(ClockReadingOrder.class.getName() + "." + method + "(");
        }
        evaluation.doesNotMention("now(java.time.Clock)", "nanoTime");
    }

    @Test
    void noFloatingPointInDomain_catches_primitive_boxed_array_generic_and_record_floating_point() {
        Evaluation evaluation = evaluate("floatingpoint", HexagonRules::noFloatingPointInDomain);
        evaluation.namesAsViolators(PrimitiveDoublePosition.class, BoxedFloatPrice.class, DoubleSeries.class,
                GenericDoubles.class, FloatRecord.class);
        evaluation.spares(ExactPosition.class, QuoteFeed.class);
    }

    @Test
    void noStandardStreams_catches_out_err_and_printStackTrace_even_in_bootstrap() {
        Evaluation evaluation = evaluate("standardstreams", HexagonRules::noStandardStreams);
        evaluation.namesAsViolators(PrintingUseCase.class, StderrSink.class, NoisyMain.class);
        evaluation.spares(Main.class);
    }

    @Test
    void noJavaUtilLogging_catches_jul_loggers_inline_calls_and_levels_even_in_bootstrap() {
        Evaluation evaluation = evaluate("julogging", HexagonRules::noJavaUtilLogging);
        evaluation.namesAsViolators(JulAlertSink.class, InlineJulUseCase.class, JulLevels.class);
        evaluation.spares(Slf4jAlertSink.class);
    }

    @Test
    void noGenericExceptions_catches_throwing_throwable_exception_and_runtime_exception() {
        Evaluation evaluation = evaluate("genericexceptions", HexagonRules::noGenericExceptions);
        evaluation.namesAsViolators(ThrowingUseCase.class, ThrowingRepository.class, ThrowingMain.class);
        evaluation.spares(PersistenceFailure.class, NamedThrowingRepository.class);
    }

    // ------------------------------------------------------------------ helpers

    private static JavaClasses importCase(String name) {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + "." + name);
        assertThat(classes).as("fixture case %s", name).isNotEmpty();
        return classes;
    }

    private static Evaluation evaluate(String name, Function<HexagonRules, ArchRule> rule) {
        JavaClasses classes = importCase(name);
        ArchRule built = rule.apply(HexagonRules.of(FIXTURES + "." + name));
        EvaluationResult result = built.evaluate(classes);
        assertThat(result.hasViolation()).as("%s must fail on fixture case %s", built.getDescription(), name).isTrue();
        return new Evaluation(classes, result);
    }

    /** What a failed rule reported, read line by line. */
    private record Evaluation(JavaClasses classes, EvaluationResult result) {

        List<String> lines() {
            return result.getFailureReport().getDetails().stream().flatMap(String::lines).toList();
        }

        String report() {
            return result.getFailureReport().toString();
        }

        void namesAsViolators(Class<?>... violators) {
            namesAsViolators(Arrays.stream(violators).map(Class::getName).toArray(String[]::new));
        }

        /** Some violation line originates in each given class (or, with a trailing "(", in that method). */
        void namesAsViolators(String... violators) {
            for (String violator : violators) {
                assertThat(lines()).as("a violation from %s in:%n%s", violator, report())
                        .anyMatch(line -> originatesIn(line, violator));
            }
        }

        /** No violation line originates in a near miss that sits right next to the violators. */
        void spares(Class<?>... spared) {
            for (Class<?> near : spared) {
                assertThat(classes.contain(near)).as("near miss %s is part of the fixture", near.getName()).isTrue();
                assertThat(lines()).as("no violation from %s in:%n%s", near.getName(), report())
                        .noneMatch(line -> originatesIn(line, near.getName()));
            }
        }

        void mentions(String... fragments) {
            for (String fragment : fragments) {
                assertThat(report()).contains(fragment);
            }
        }

        void doesNotMention(String... fragments) {
            for (String fragment : fragments) {
                assertThat(report()).doesNotContain(fragment);
            }
        }

        private static boolean originatesIn(String line, String name) {
            Optional<String> origin = Optional.of(ORIGIN.matcher(line)).filter(Matcher::find).map(m -> m.group(1));
            if (name.endsWith("(")) {
                return line.contains("<" + name);
            }
            return origin.filter(o -> o.equals(name) || o.startsWith(name + ".") || o.startsWith(name + "$"))
                    .isPresent();
        }
    }
}
