package dev.tradingcore.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every hexagon rule, applied to the production classes of every module (bootstrap's test class path sees them
 * all).
 */
class HexagonArchitectureTest {

    static final String ROOT = "dev.tradingcore";

    private static final HexagonRules RULES = HexagonRules.of(ROOT);

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(new DoNotIncludeTestJars())
                .importPackages(ROOT);
    }

    /**
     * The rules allow empty selections (a fixture may lack a layer), production may not: a rule that selected nothing
     * because a module's classes went missing from the import must fail, not pass.
     */
    private static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(production);
    }

    // One test per rule, named after it, so a report says which rule production broke.

    @Test
    void domainIsPure() {
        check(RULES.domainIsPure());
    }

    @Test
    void applicationDependsOnlyOnDomain() {
        check(RULES.applicationDependsOnlyOnDomain());
    }

    @Test
    void persistenceLibrariesOnlyInPostgresAdapterAndBootstrap() {
        check(RULES.persistenceLibrariesOnlyInPostgresAdapterAndBootstrap());
    }

    @Test
    void cdiOnlyInBootstrap() {
        check(RULES.cdiOnlyInBootstrap());
    }

    @Test
    void adaptersAreIndependent() {
        check(RULES.adaptersAreIndependent());
    }

    @Test
    void everyClassBelongsToAModule() {
        check(RULES.everyClassBelongsToAModule());
    }

    @Test
    void noCycles() {
        check(RULES.noCycles());
    }

    @Test
    void portsAreInterfacesOrValues() {
        check(RULES.portsAreInterfacesOrValues());
    }

    @Test
    void noClockReadsOutsideBootstrap() {
        check(RULES.noClockReadsOutsideBootstrap());
    }

    @Test
    void noFloatingPointInDomain() {
        check(RULES.noFloatingPointInDomain());
    }

    /**
     * The launcher is the one exception: it runs on any Java from 8 on, before the command line exists, to say in
     * one line on standard error that Java 21 is needed.
     */
    @Test
    void noStandardStreams() {
        RULES.noStandardStreams().allowEmptyShould(false).check(production.that(
                com.tngtech.archunit.base.DescribedPredicate.not(JavaClass.Predicates.resideInAPackage(
                        ROOT + ".bootstrap.launcher"))));
    }

    @Test
    void noJavaUtilLogging() {
        check(RULES.noJavaUtilLogging());
    }

    @Test
    void noGenericExceptions() {
        check(RULES.noGenericExceptions());
    }

    @Test
    void every_rule_of_the_helper_is_applied_here() {
        List<String> tests = Arrays.stream(HexagonArchitectureTest.class.getDeclaredMethods())
                .filter(method -> method.isAnnotationPresent(Test.class))
                .map(Method::getName)
                .toList();
        assertThat(tests).containsAll(RULES.all().keySet());
    }

    @Test
    void the_import_holds_no_test_code() {
        List<String> testCode = production.stream()
                .filter(javaClass -> javaClass.getPackageName().startsWith(ROOT + ".archfixtures")
                        || javaClass.getPackageName().startsWith(ROOT + ".architecture")
                        || sourceOf(javaClass).contains("/test-classes/")
                        || sourceOf(javaClass).contains("-tests.jar!"))
                .map(javaClass -> javaClass.getName() + " from " + sourceOf(javaClass))
                .toList();
        assertThat(testCode)
                .as("fixtures, this suite, test class directories and test jars are not production code")
                .isEmpty();
    }

    /**
     * Guards against a suite that passes because it looked at nothing: every module of the hexagon has code and must
     * be in the import, whether it arrives as a class directory (reactor build) or as a jar ({@code -pl bootstrap}).
     */
    @Test
    void the_import_sees_every_module() {
        assertThat(RULES.modulePackages()).containsExactly(ROOT + ".domain", ROOT + ".application",
                ROOT + ".adapters.postgres", ROOT + ".adapters.broker", ROOT + ".adapters.alerting", ROOT + ".adapters.metrics",
                ROOT + ".bootstrap");
        for (String module : RULES.modulePackages()) {
            assertThat(production)
                    .as("production classes of %s", module)
                    .anyMatch(javaClass -> javaClass.getPackageName().equals(module)
                            || javaClass.getPackageName().startsWith(module + "."));
        }
    }

    private static String sourceOf(JavaClass javaClass) {
        return javaClass.getSource().map(source -> source.getUri().toString()).orElse("");
    }
}
