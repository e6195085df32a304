package dev.tradingcore.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every hexagon rule, applied to the production classes of every module (bootstrap's test class path sees them all). */
class HexagonArchitectureTest {

    static final String ROOT = "dev.tradingcore";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(new DoNotIncludeTestJars())
                .importPackages(ROOT);
    }

    @TestFactory
    Stream<DynamicTest> production_code_obeys_every_rule() {
        return HexagonRules.of(ROOT).all().entrySet().stream()
                .map(rule -> dynamicTest(rule.getKey(), () -> rule.getValue().check(production)));
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
