package dev.tradingcore.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.AccessTarget.CodeUnitAccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hexagon's rules (STYLE.md, "Architecture rules worth enforcing"), built for one root package.
 *
 * <p>The root is a parameter so that the very same rules run against production ({@code dev.tradingcore}) and against
 * the small fixture projects under {@code dev.tradingcore.archfixtures.<case>}, which are laid out like the real one:
 * {@code <root>.domain}, {@code <root>.application}, {@code <root>.adapters.postgres|broker|alerting},
 * {@code <root>.bootstrap}. {@code HexagonRulesTest} proves each rule fails on a violating fixture and passes on a
 * compliant one; {@code HexagonArchitectureTest} applies them to production.
 *
 * <p>Every rule allows an empty selection ({@code allowEmptyShould(true)}): modules are being filled in one at a
 * time, and an empty application module is not a violation. That a rule selects anything at all is proven on the
 * compliant fixture, which has classes in every layer and is checked with empty selections forbidden.
 */
public final class HexagonRules {

    /** JDK packages that are infrastructure: the domain and the application do no SQL, logging, networking or files. */
    static final String[] JDK_INFRASTRUCTURE = {
        "java.sql..", "java.util.logging..", "java.net..", "java.nio.channels..", "java.nio.file..", "java.rmi..",
        "java.awt.."
    };

    static final String[] PERSISTENCE_LIBRARIES = {
        "org.apache.ibatis..", "com.zaxxer.hikari..", "java.sql..", "javax.sql..", "org.postgresql..", "org.flywaydb.."
    };

    static final String[] CDI_LIBRARIES = {"jakarta.enterprise..", "jakarta.inject..", "org.jboss.weld.."};

    private final String root;
    private final String domain;
    private final String application;
    private final String adapters;
    private final String postgresAdapter;
    private final String bootstrap;
    private final List<String> modules;

    private HexagonRules(String root) {
        this.root = root;
        this.domain = root + ".domain..";
        this.application = root + ".application..";
        this.adapters = root + ".adapters..";
        this.postgresAdapter = root + ".adapters.postgres..";
        this.bootstrap = root + ".bootstrap..";
        this.modules = List.of(
                domain,
                application,
                postgresAdapter,
                root + ".adapters.broker..",
                root + ".adapters.alerting..",
                root + ".adapters.metrics..",
                bootstrap);
    }

    /** The package of each module (domain, application, the three adapters, bootstrap), e.g. {@code dev.tradingcore.domain}. */
    public List<String> modulePackages() {
        return modules.stream().map(pattern -> pattern.substring(0, pattern.length() - 2)).toList();
    }

    /** The rules for the project whose modules live under {@code root}, e.g. {@code "dev.tradingcore"}. */
    public static HexagonRules of(String root) {
        if (root == null || !root.matches("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*")) {
            throw new IllegalArgumentException("root must be a plain package name such as dev.tradingcore: " + root);
        }
        return new HexagonRules(root);
    }

    /** Every rule by its method name, in the order of STYLE.md; what the production suite and the fixtures run. */
    public Map<String, ArchRule> all() {
        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("domainIsPure", domainIsPure());
        rules.put("applicationDependsOnlyOnDomain", applicationDependsOnlyOnDomain());
        rules.put("persistenceLibrariesOnlyInPostgresAdapterAndBootstrap",
                persistenceLibrariesOnlyInPostgresAdapterAndBootstrap());
        rules.put("cdiOnlyInBootstrap", cdiOnlyInBootstrap());
        rules.put("adaptersAreIndependent", adaptersAreIndependent());
        rules.put("everyClassBelongsToAModule", everyClassBelongsToAModule());
        rules.put("noCycles", noCycles());
        rules.put("portsAreInterfacesOrValues", portsAreInterfacesOrValues());
        rules.put("noClockReadsOutsideBootstrap", noClockReadsOutsideBootstrap());
        rules.put("noFloatingPointInDomain", noFloatingPointInDomain());
        rules.put("noStandardStreams", noStandardStreams());
        rules.put("noJavaUtilLogging", noJavaUtilLogging());
        rules.put("noGenericExceptions", noGenericExceptions());
        return rules;
    }

    /**
     * The domain sees the JDK (minus its infrastructure packages), Vavr and itself. {@code java..} also covers what
     * javac puts into class files on its own: {@code java.lang.Record}, {@code java.lang.Enum}, annotations such as
     * {@code @Override}, {@code java.lang.invoke} for lambdas; ArchUnit files primitives under {@code java.lang} and
     * arrays under their component type's package.
     */
    public ArchRule domainIsPure() {
        return classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "io.vavr..", domain)
                                .and(not(resideInAnyPackage(JDK_INFRASTRUCTURE))))
                .as("the domain depends only on the JDK (no SQL, logging, network or files), Vavr and itself")
                .allowEmptyShould(true);
    }

    /** Use cases see the domain and its ports, never adapters, bootstrap, SQL or CDI. */
    public ArchRule applicationDependsOnlyOnDomain() {
        return classes().that().resideInAPackage(application)
                .should().onlyDependOnClassesThat(
                        resideInAnyPackage("java..", "io.vavr..", domain, application)
                                .and(not(resideInAnyPackage(JDK_INFRASTRUCTURE))))
                .as("the application depends only on the JDK (no SQL, logging, network or files), Vavr, the domain"
                        + " and itself")
                .allowEmptyShould(true);
    }

    public ArchRule persistenceLibrariesOnlyInPostgresAdapterAndBootstrap() {
        return noClasses()
                .that().resideInAPackage(root + "..").and().resideOutsideOfPackages(postgresAdapter, bootstrap)
                .should().dependOnClassesThat().resideInAnyPackage(PERSISTENCE_LIBRARIES)
                .as("MyBatis, HikariCP, JDBC, the PostgreSQL driver and Flyway are used only by the postgres adapter"
                        + " and bootstrap")
                .allowEmptyShould(true);
    }

    public ArchRule cdiOnlyInBootstrap() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(bootstrap)
                .should().dependOnClassesThat().resideInAnyPackage(CDI_LIBRARIES)
                .as("CDI (jakarta.enterprise, jakarta.inject, Weld) is used only by bootstrap, where wiring is"
                        + " explicit")
                .allowEmptyShould(true);
    }

    /**
     * Who may see whom among our own modules: adapters not each other; only bootstrap sees an adapter; nobody sees
     * bootstrap; the domain sees none of ours but itself. Any package under {@code <root>.adapters} counts as an
     * adapter, so a new adapter is covered without touching this rule.
     */
    public ArchRule adaptersAreIndependent() {
        return CompositeArchRule.of(List.of(
                        slices().matching(root + ".adapters.(*)..").namingSlices("adapter $1")
                                .should().notDependOnEachOther()
                                .as("adapters do not depend on each other")
                                .allowEmptyShould(true),
                        noClasses()
                                .that().resideInAPackage(root + "..").and().resideOutsideOfPackages(adapters, bootstrap)
                                .should().dependOnClassesThat().resideInAPackage(adapters)
                                .as("only bootstrap depends on an adapter")
                                .allowEmptyShould(true),
                        noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(bootstrap)
                                .should().dependOnClassesThat().resideInAPackage(bootstrap)
                                .as("nothing depends on bootstrap")
                                .allowEmptyShould(true),
                        noClasses().that().resideInAPackage(domain)
                                .should().dependOnClassesThat(
                                        resideInAPackage(root + "..").and(not(resideInAPackage(domain))))
                                .as("the domain depends on nothing of ours but itself")
                                .allowEmptyShould(true)))
                .as("adapters are independent, only bootstrap sees adapters, nothing sees bootstrap, the domain sees"
                        + " only itself")
                .allowEmptyShould(true);
    }

    /**
     * Every class lives in one of the six modules' packages. The other rules select by package; a class in, say,
     * {@code <root>.util} would escape all of them.
     */
    public ArchRule everyClassBelongsToAModule() {
        return classes().that().resideInAPackage(root + "..")
                .should().resideInAnyPackage(modules.toArray(String[]::new))
                .as("every class belongs to a module: " + modules.stream().collect(Collectors.joining(", ")))
                .allowEmptyShould(true);
    }

    /** Each package is its own slice; no two packages may reach each other, within a module or across modules. */
    public ArchRule noCycles() {
        return slices().matching(root + ".(**)").namingSlices("package $1")
                .should().beFreeOfCycles()
                .as("packages under " + root + " are free of cycles")
                .allowEmptyShould(true);
    }

    /**
     * Port packages hold interfaces and the plain values the ports speak in (records, enums, sealed interfaces with
     * record implementations), never concrete or abstract classes: implementations belong in adapters or use cases.
     */
    public ArchRule portsAreInterfacesOrValues() {
        return classes().that().resideInAPackage(root + "..port..")
                .should().beInterfaces().orShould().beRecords().orShould().beEnums()
                .as("types in port packages are interfaces, records or enums")
                .allowEmptyShould(true);
    }

    /**
     * Time enters through an injected {@code Clock}/{@code InstantSource}; only bootstrap may reach for the system
     * clock. Catches calls and method references alike. {@code now(Clock)} is the sanctioned form and allowed;
     * {@code System.nanoTime()} measures durations, not time of day, and is allowed.
     */
    public ArchRule noClockReadsOutsideBootstrap() {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(bootstrap)
                .should().accessTargetWhere(READ_THE_SYSTEM_CLOCK)
                .as("no class outside bootstrap reads the system clock")
                .allowEmptyShould(true);
    }

    /**
     * Money and quantities are exact: no {@code double}/{@code float} in any domain field, primitive or boxed, in an
     * array or a type argument.
     */
    public ArchRule noFloatingPointInDomain() {
        return noFields().that().areDeclaredInClassesThat().resideInAPackage(domain)
                .should(HAVE_A_FLOATING_POINT_TYPE)
                .as("no domain field holds a double or float")
                .allowEmptyShould(true);
    }

    /** Neither {@code System.out}, {@code System.err} nor {@code printStackTrace()}; {@code System.exit} is fine. */
    public ArchRule noStandardStreams() {
        return noClasses().that().resideInAPackage(root + "..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .allowEmptyShould(true);
    }

    /**
     * Log through SLF4J. Broader than {@link GeneralCodingRules#USE_JAVA_UTIL_LOGGING}, which only sees fields
     * holding a JUL logger: any use of {@code java.util.logging} counts, an inline {@code Logger.getLogger(..)} or a
     * {@code Level} included.
     */
    public ArchRule noJavaUtilLogging() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAPackage("java.util.logging..")
                .as("no classes use java.util.logging")
                .allowEmptyShould(true);
    }

    /** Throw a named exception ({@code new RuntimeException(..)} says nothing); subclasses may call their super. */
    public ArchRule noGenericExceptions() {
        return noClasses().that().resideInAPackage(root + "..")
                .should(GeneralCodingRules.THROW_GENERIC_EXCEPTIONS)
                .allowEmptyShould(true);
    }

    private static final Set<String> CLOCK_FACTORIES = Set.of("systemUTC", "systemDefaultZone", "system");

    private static final DescribedPredicate<JavaAccess<?>> READ_THE_SYSTEM_CLOCK =
            DescribedPredicate.describe("read the system clock", access -> readsSystemClock(access.getTarget()));

    private static boolean readsSystemClock(AccessTarget target) {
        if (!(target instanceof CodeUnitAccessTarget codeUnit)) {
            return false;
        }
        JavaClass owner = codeUnit.getOwner();
        String name = codeUnit.getName();
        List<JavaClass> parameters = codeUnit.getRawParameterTypes();
        if (owner.getPackageName().startsWith("java.time") && name.equals("now")) {
            // Instant.now(), LocalDate.now(ZoneId), ... read the clock; now(Clock) reads the injected one.
            return parameters.stream().noneMatch(parameter -> parameter.isAssignableTo(java.time.Clock.class));
        }
        if (owner.isEquivalentTo(java.time.Clock.class)) {
            return CLOCK_FACTORIES.contains(name);
        }
        if (owner.isEquivalentTo(java.time.InstantSource.class)) {
            return name.equals("system");
        }
        if (owner.isEquivalentTo(System.class)) {
            return name.equals("currentTimeMillis");
        }
        // new Date() is the system clock under an old name.
        return owner.isEquivalentTo(java.util.Date.class) && name.equals("<init>") && parameters.isEmpty();
    }

    private static final Set<String> FLOATING_POINT =
            Set.of("double", "float", Double.class.getName(), Float.class.getName());

    private static final ArchCondition<JavaField> HAVE_A_FLOATING_POINT_TYPE =
            new ArchCondition<>("have a floating-point type") {
                @Override
                public void check(JavaField field, ConditionEvents events) {
                    boolean floating = field.getType().getAllInvolvedRawTypes().stream()
                            .map(type -> type.isArray() ? type.getBaseComponentType() : type)
                            .anyMatch(type -> FLOATING_POINT.contains(type.getName()));
                    String message = "Field <%s> has type <%s>, which %s floating point"
                            .formatted(field.getFullName(), field.getType().getName(),
                                    floating ? "is or holds" : "is not");
                    events.add(new SimpleConditionEvent(field, floating, message));
                }
            };
}
