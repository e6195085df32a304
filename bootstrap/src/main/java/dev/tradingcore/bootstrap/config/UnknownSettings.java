package dev.tradingcore.bootstrap.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Finds the settings nobody reads: a mistyped key ({@code database.urll}, {@code DATABASE_POOL_SZIE}) would otherwise
 * be ignored and its default used in silence (the embedded database instead of the one meant). Each unknown key is
 * named with where it came from and the closest known key, in the spelling of that source. Values are never quoted:
 * a mistyped key may well hold a password.
 */
final class UnknownSettings {

    /** The prefixes of the environment variables that are ours; any other variable belongs to someone else. */
    static final List<String> ENVIRONMENT_PREFIXES = List.of("DATABASE_", "EMBEDDED_", "TRADING_", "BROKER_",
            "ALERTS_", "MONITORING_", "BACKUP_", "RISK_");

    private static final LevenshteinDistance DISTANCE = LevenshteinDistance.getDefaultInstance();

    private final Set<String> properties;
    private final Set<String> environment;
    private final List<String> found = new ArrayList<>();

    /**
     * @param properties every known key in property form ({@code database.pool-size}); each one's environment
     *     variable follows from it ({@code TRADING_CORE_HOME} from {@code trading-core.home})
     */
    UnknownSettings(Collection<String> properties) {
        this.properties = new TreeSet<>(properties);
        this.environment = new TreeSet<>();
        properties.forEach(p -> environment.add(SettingsLoader.environmentName(p)));
    }

    /** Keys of a source that holds only our settings (a properties file, {@code --set}, {@code -D}). */
    UnknownSettings checkProperties(Collection<String> keys, String where) {
        for (String key : new TreeSet<>(keys)) {
            if (!properties.contains(key)) {
                found.add(describe(key, where, closest(key, properties)));
            }
        }
        return this;
    }

    /** The environment: only variables with one of our prefixes are looked at. */
    UnknownSettings checkEnvironment(Collection<String> names) {
        for (String name : new TreeSet<>(names)) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (ENVIRONMENT_PREFIXES.stream().anyMatch(upper::startsWith) && !environment.contains(name)) {
                found.add(describe(name, "the environment", closest(name, environment)));
            }
        }
        return this;
    }

    /** Throws naming every unknown key found, in one line. */
    void throwIfAny() {
        if (found.isEmpty()) {
            return;
        }
        String list = String.join("; ", found);
        throw new ConfigurationException((found.size() == 1 ? "unknown setting " : "unknown settings: ") + list
                + " (every setting is in README.md, Configuration)");
    }

    private static String describe(String key, String where, Optional<String> suggestion) {
        return "'" + key + "' in " + where + suggestion.map(s -> ": did you mean '" + s + "'?").orElse("");
    }

    /**
     * The known key nearest to {@code key}, compared in one spelling (lower case, {@code .}, {@code -} and {@code _}
     * alike) so that {@code --set DATABASE_URL=...} suggests {@code database.url}; only when it is near enough to be
     * a likely typo, or when one name starts with the other ({@code DATABASE_TIMEOUT}).
     */
    static Optional<String> closest(String key, Collection<String> known) {
        String wanted = normalized(key);
        return known.stream()
                .map(k -> new Candidate(k, DISTANCE.apply(wanted, normalized(k)),
                        normalized(k).startsWith(wanted) || wanted.startsWith(normalized(k))))
                .filter(c -> c.distance() <= Math.max(3, wanted.length() / 3) || c.prefix())
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    private record Candidate(String name, int distance, boolean prefix) {}

    private static String normalized(String key) {
        return key.toLowerCase(Locale.ROOT).chars().map(c -> c == '_' || c == '-' ? '.' : c)
                .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining());
    }
}
