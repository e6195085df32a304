package dev.tradingcore.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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

    // One test per rule, named after it, so a report says which rule production broke.

    @Test
    void domainIsPure() {
        RULES.domainIsPure().check(production);
    }

    @Test
    void applicationDependsOnlyOnDomain() {
        RULES.applicationDependsOnlyOnDomain().check(production);
    }

    @Test
    void persistenceLibrariesOnlyInPostgresAdapterAndBootstrap() {
        RULES.persistenceLibrariesOnlyInPostgresAdapterAndBootstrap().check(production);
    }

    @Test
    void cdiOnlyInBootstrap() {
        RULES.cdiOnlyInBootstrap().check(production);
    }

    @Test
    void adaptersAreIndependent() {
        RULES.adaptersAreIndependent().check(production);
    }

    @Test
    void everyClassBelongsToAModule() {
        RULES.everyClassBelongsToAModule().check(production);
    }

    @Test
    void noCycles() {
        RULES.noCycles().check(production);
    }

    @Test
    void portsAreInterfacesOrValues() {
        RULES.portsAreInterfacesOrValues().check(production);
    }

    @Test
    void noClockReadsOutsideBootstrap() {
        RULES.noClockReadsOutsideBootstrap().check(production);
    }

    @Test
    void noFloatingPointInDomain() {
        RULES.noFloatingPointInDomain().check(production);
    }

    @Test
    void noStandardStreams() {
        RULES.noStandardStreams().check(production);
    }

    @Test
    void noJavaUtilLogging() {
        RULES.noJavaUtilLogging().check(production);
    }

    @Test
    void noGenericExceptions() {
        RULES.noGenericExceptions().check(production);
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
     * Guards against a suite that passes because it looked at nothing. The modules that have code today must be in
     * the import, whether they arrive as class directories (reactor build) or as jars ({@code -pl bootstrap}).
     * Add a module here once it has classes.
     */
    @Test
    void the_import_sees_every_module_that_has_code() {
        for (String module : new String[] {"domain", "adapters.postgres", "bootstrap"}) {
            assertThat(production)
                    .as("production classes of %s", module)
                    .anyMatch(javaClass -> javaClass.getPackageName().startsWith(ROOT + "." + module));
        }
    }

    private static String sourceOf(JavaClass javaClass) {
        return javaClass.getSource().map(source -> source.getUri().toString()).orElse("");
    }
}
