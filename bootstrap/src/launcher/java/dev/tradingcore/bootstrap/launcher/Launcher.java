package dev.tradingcore.bootstrap.launcher;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * The jar's entry point, compiled for Java 8 so that any Java from 8 on can load it: on a Java older than 21 it
 * says in one line that Java 21 is needed and exits 2, where the JVM would otherwise stop with an
 * {@code UnsupportedClassVersionError} naming class file versions. On Java 21 or later it hands over to the command
 * line ({@code dev.tradingcore.bootstrap.cli.Main}), which it names only as text: loading it is what fails on an
 * older Java.
 */
public final class Launcher {

    /** The oldest Java trading-core runs on. */
    static final int REQUIRED = 21;

    private static final String MAIN = "dev.tradingcore.bootstrap.cli.Main";

    private Launcher() {}

    public static void main(String[] args) throws Throwable {
        String refusal = refusal(System.getProperty("java.specification.version"), System.getProperty("java.home"));
        if (refusal != null) {
            System.err.println(refusal);
            System.exit(2);
        }
        Method main = Class.forName(MAIN).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /**
     * The line to print on {@code specificationVersion} ("17", "1.8"), or null when it is recent enough.
     *
     * @param javaHome where the running Java is, so that the reader sees which one was picked up
     */
    static String refusal(String specificationVersion, String javaHome) {
        if (feature(specificationVersion) >= REQUIRED) {
            return null;
        }
        return "trading-core needs Java " + REQUIRED + " or later, and this is Java " + specificationVersion + " ("
                + javaHome + "): run it with a JDK " + REQUIRED + "+ (bin/trading-core finds one; or set JAVA_HOME"
                + " or PATH to one)";
    }

    /** 17 for "17", 8 for "1.8"; 0 when it cannot be read (treated as too old). */
    static int feature(String specificationVersion) {
        if (specificationVersion == null) {
            return 0;
        }
        String v = specificationVersion.startsWith("1.") ? specificationVersion.substring(2) : specificationVersion;
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
    }
}
