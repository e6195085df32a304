package dev.tradingcore.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Leaves out test jars ({@code *-tests.jar}, such as adapters-postgres' test kit), which
 * {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} does not recognise: it only knows test class directories.
 *
 * <p>Not {@code DO_NOT_INCLUDE_JARS}: when bootstrap is built alone ({@code -pl bootstrap}) or packaged, the other
 * modules reach its test class path as jars, and leaving out jars would leave out the domain the rules are about.
 */
final class DoNotIncludeTestJars implements ImportOption {

    private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !(location.isJar() && location.matches(TEST_JAR));
    }
}
