package dev.tradingcore.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tradingcore.bootstrap.cli.TradingCoreCommand;
import dev.tradingcore.bootstrap.config.SettingsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README and the operations guide say what the code does: the configuration table is the list of settings the
 * loader knows (no more, no less), the commands table has a row with the exit statuses of every command, every
 * option of every command is in the README, links stay inside the repository and lead somewhere, and the cron
 * example calls programs that exist.
 */
class DocumentationTest {

    /** The repository: tests run in the module's folder. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file));
    }

    /** The rows of the first table after {@code heading}, as cells without their backquotes. */
    private static List<List<String>> table(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("heading %s", heading).isNotNegative();
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : markdown.substring(start + heading.length() + 2).lines().toList()) {
            if (line.startsWith("|")) {
                inTable = true;
                if (!line.startsWith("|---")) {
                    List<String> cells = new ArrayList<>();
                    for (String cell : line.substring(1, line.length() - 1).split("(?<!\\\\)\\|")) {
                        cells.add(cell.strip());
                    }
                    rows.add(cells);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows.subList(1, rows.size()); // without the header
    }

    private static String unquoted(String cell) {
        return cell.replace("`", "").strip();
    }

    @Test
    void the_configuration_table_lists_exactly_the_settings_there_are() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        for (List<String> row : table(read("README.md"), "## Configuration")) {
            documented.put(unquoted(row.get(1)), unquoted(row.get(0)));
        }

        assertThat(documented.keySet()).as("properties in the README's table")
                .containsExactlyInAnyOrderElementsOf(SettingsLoader.knownSettings());
        documented.forEach((property, environment) -> assertThat(environment).as(property)
                .isEqualTo(property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')));
    }

    @Test
    void every_command_has_a_row_with_its_exit_statuses_and_every_option_is_in_the_readme() throws IOException {
        String readme = read("README.md");
        List<List<String>> rows = table(readme, "## Commands");
        CommandSpec root = TradingCoreCommand.newCommandLine().getCommandSpec();

        for (Map.Entry<String, CommandLine> sub : root.subcommands().entrySet()) {
            String name = sub.getKey();
            if (name.equals("help")) {
                continue;
            }
            List<String> row = rows.stream().filter(r -> unquoted(r.get(0)).startsWith(name + " ")
                    || unquoted(r.get(0)).equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no row for " + name + " in the README's commands table"));
            assertThat(row).as(name).hasSize(3);
            assertThat(row.get(2)).as("exit statuses of %s", name).contains("0 ").contains("2 ");
            for (OptionSpec option : sub.getValue().getCommandSpec().options()) {
                if (option.inherited() || option.usageHelp() || option.versionHelp()) {
                    continue;
                }
                assertThat(readme).as("option %s of %s in the README", option.longestName(), name)
                        .containsPattern("(?<![\\w-])" + Pattern.quote(option.longestName()) + "(?![\\w-])");
            }
        }
    }

    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

    @Test
    void the_readme_links_nothing_outside_the_repository_and_every_relative_link_leads_somewhere()
            throws IOException {
        List<Path> documents = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(documents::add);
        }
        for (Path document : documents) {
            Matcher link = LINK.matcher(Files.readString(document));
            while (link.find()) {
                String target = link.group(1);
                if (document.getFileName().toString().equals("README.md")) {
                    assertThat(target).as("README link").doesNotContainPattern("^[a-z]+:");
                }
                if (target.startsWith("#") || target.matches("^[a-z]+:.*")) {
                    continue;
                }
                Path resolved = document.getParent().resolve(target.replaceAll("#.*", "")).normalize();
                assertThat(resolved.startsWith(ROOT)).as("%s links %s, outside the repository",
                        ROOT.relativize(document), target).isTrue();
                assertThat(resolved).as("%s links %s", ROOT.relativize(document), target).exists();
            }
        }
    }

    @Test
    void the_cron_example_calls_programs_that_exist() throws IOException {
        String operations = read("docs/operations.md");
        int cron = operations.indexOf("Cron example");
        String block = operations.substring(operations.indexOf("```", cron) + 3);
        block = block.substring(0, block.indexOf("```"));
        Matcher program = Pattern.compile("/opt/trading-core/(\\S+)").matcher(block);
        int found = 0;
        while (program.find()) {
            Path inRepository = ROOT.resolve(program.group(1));
            assertThat(inRepository).as("the cron example calls %s", program.group()).isRegularFile();
            assertThat(Files.isExecutable(inRepository)).as(program.group()).isTrue();
            found++;
        }
        assertThat(found).as("programs of the cron example").isPositive();
        assertThat(block).as("programs are called by their path in the clone").doesNotContain("./trading-core");
    }
}
