package dev.tradingcore.bootstrap.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar trading-core.jar} on Java 17 must say that Java 21 is needed: the launcher can only say it if a
 * Java 17 can load it at all, and it must tell old from new. ({@code LauncherIT} runs the jar on every older JDK it
 * finds on the machine.)
 */
class LauncherTest {

    @Test
    void the_launcher_is_compiled_for_java_8_so_that_any_older_java_loads_it() throws IOException {
        try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class");
                DataInputStream data = new DataInputStream(in)) {
            assertThat(data.readInt()).isEqualTo(0xCAFEBABE);
            data.readUnsignedShort();
            assertThat(data.readUnsignedShort()).as("class file major version (52 = Java 8)").isEqualTo(52);
        }
    }

    @Test
    void an_older_java_is_refused_in_one_line_naming_the_java_found() {
        assertThat(Launcher.refusal("17", "/usr/lib/jvm/java-17-openjdk-amd64")).isEqualTo("trading-core needs Java 21"
                + " or later, and this is Java 17 (/usr/lib/jvm/java-17-openjdk-amd64): run it with a JDK 21+"
                + " (bin/trading-core finds one; or set JAVA_HOME or PATH to one)");
        assertThat(Launcher.refusal("1.8", "/opt/jre8")).contains("this is Java 1.8 (/opt/jre8)");
        assertThat(Launcher.refusal("20", "x")).isNotNull();
    }

    @Test
    void java_21_and_later_pass() {
        assertThat(Launcher.refusal("21", "x")).isNull();
        assertThat(Launcher.refusal("25", "x")).isNull();
        assertThat(Launcher.feature("1.8")).isEqualTo(8);
        assertThat(Launcher.feature("17")).isEqualTo(17);
        assertThat(Launcher.feature("26-ea")).isEqualTo(26);
        assertThat(Launcher.feature(null)).isZero();
    }
}
