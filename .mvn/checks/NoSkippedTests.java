import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Fails the build when a test of this run was skipped: a skipped test is not a passing test. Reads the JUnit XML
 * reports that surefire and failsafe wrote in this build (files older than the build's start are left from an earlier
 * run and ignored) and lists every test case reported as skipped: disabled (JUnit's or jqwik's {@code @Disabled}, a
 * condition such as {@code @EnabledOnOs}) or aborted (a failed assumption). Run by the parent pom in {@code verify}:
 *
 * <pre>java NoSkippedTests.java TARGET_DIRECTORY BUILD_START_INSTANT</pre>
 */
public class NoSkippedTests {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java NoSkippedTests.java TARGET_DIRECTORY BUILD_START_INSTANT");
            System.exit(2);
        }
        Path target = Path.of(args[0]);
        Instant since;
        try {
            // The build's start, to the second; a report written in this build is not older (allow clock rounding).
            since = Instant.parse(args[1]).minusSeconds(2);
        } catch (DateTimeParseException e) {
            System.err.println("NoSkippedTests: not an ISO instant: " + args[1]);
            System.exit(2);
            return;
        }
        List<String> skipped = new ArrayList<>();
        int reports = 0;
        int cases = 0;
        for (String folder : List.of("surefire-reports", "failsafe-reports")) {
            for (Path report : reports(target.resolve(folder), since)) {
                reports++;
                NodeList testCases = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile())
                        .getElementsByTagName("testcase");
                for (int i = 0; i < testCases.getLength(); i++) {
                    Element testCase = (Element) testCases.item(i);
                    cases++;
                    Element skip = child(testCase, "skipped");
                    if (skip != null) {
                        String message = skip.getAttribute("message").isBlank()
                                ? skip.getTextContent().strip().lines().findFirst().orElse("")
                                : skip.getAttribute("message");
                        skipped.add(testCase.getAttribute("classname") + "." + testCase.getAttribute("name")
                                + (message.isBlank() ? "" : ": " + message));
                    }
                }
            }
        }
        if (!skipped.isEmpty()) {
            System.err.println("[ERROR] " + skipped.size() + " test(s) of this build were skipped (disabled or"
                    + " aborted). A skipped test is not a passing test: make it run, or delete it.");
            skipped.forEach(line -> System.err.println("[ERROR]   skipped: " + line));
            System.exit(1);
        }
        if (reports > 0) {
            System.out.println("[INFO] No skipped tests: " + cases + " test case(s) in " + reports
                    + " report(s) of this build under " + target);
        }
    }

    private static List<Path> reports(Path folder, Instant since) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith("TEST-")
                            && p.getFileName().toString().endsWith(".xml"))
                    .filter(p -> {
                        try {
                            return !Files.getLastModifiedTime(p).toInstant().isBefore(since);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .sorted()
                    .toList();
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
