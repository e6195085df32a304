package dev.tradingcore.adapters.postgres.backup;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a dump holds, written beside it as {@code <name>.manifest.json}: enough to refuse a damaged dump before it
 * touches a database (size, SHA-256) and to check a restore (schema version, row count of every table, all read in
 * the dump's own snapshot, so they are exactly the dump's counts, even while trading went on).
 *
 * @param format the manifest's format, {@value #FORMAT}
 * @param database the database that was dumped
 * @param createdAt when the dump's snapshot was taken (the server's clock)
 * @param serverVersion the server's version
 * @param pgDumpVersion the version of the pg_dump that wrote the dump
 * @param schemaVersion the Flyway schema version of the dumped database
 * @param dumpFile the dump's file name (in the manifest's directory)
 * @param dumpBytes the dump's size
 * @param sha256 the dump's SHA-256, lower-case hex
 * @param tableRows rows per table ({@code schema.table}; a partitioned table counts its partitions)
 * @param snapshot how the snapshot was taken
 */
public record BackupManifest(String format, String database, Instant createdAt, String serverVersion,
        String pgDumpVersion, String schemaVersion, String dumpFile, long dumpBytes, String sha256,
        SortedMap<String, Long> tableRows, String snapshot) {

    public static final String FORMAT = "trading-core-backup/1";
    public static final String SUFFIX = ".manifest.json";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public BackupManifest {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(pgDumpVersion, "pgDumpVersion");
        Objects.requireNonNull(schemaVersion, "schemaVersion");
        Objects.requireNonNull(dumpFile, "dumpFile");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(snapshot, "snapshot");
        tableRows = Collections.unmodifiableSortedMap(new TreeMap<>(tableRows));
    }

    /** Where the manifest of {@code dump} is: {@code x.dump} has {@code x.manifest.json}. */
    public static Path pathFor(Path dump) {
        String name = dump.getFileName().toString();
        String base = name.endsWith(".dump") ? name.substring(0, name.length() - ".dump".length()) : name;
        return dump.resolveSibling(base + SUFFIX);
    }

    /** Writes the manifest atomically (a reader never sees half of it). */
    public void write(Path file) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", format);
        root.put("database", database);
        root.put("createdAt", createdAt.toString());
        root.put("serverVersion", serverVersion);
        root.put("pgDumpVersion", pgDumpVersion);
        root.put("schemaVersion", schemaVersion);
        root.put("dumpFile", dumpFile);
        root.put("dumpBytes", dumpBytes);
        root.put("sha256", sha256);
        root.put("snapshot", snapshot);
        ObjectNode rows = root.putObject("tableRows");
        tableRows.forEach(rows::put);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.write(partial, JSON.writeValueAsBytes(root));
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the backup manifest " + file, e);
        }
    }

    /**
     * Reads the manifest of a dump.
     *
     * @throws BackupException DAMAGED_DUMP when it is missing or unreadable: a dump without its manifest cannot be
     *     checked, so it is not restored
     */
    public static BackupManifest readFor(Path dump) {
        Path file = pathFor(dump);
        if (!Files.isRegularFile(file)) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "the dump " + dump + " has no manifest ("
                    + file.getFileName() + " is missing): its integrity cannot be checked, so it is not used");
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (!FORMAT.equals(text(root, "format"))) {
                throw new BackupException(BackupException.Reason.DAMAGED_DUMP, "the manifest " + file
                        + " is not a " + FORMAT + " manifest (format '" + text(root, "format") + "')");
            }
            SortedMap<String, Long> rows = new TreeMap<>();
            JsonNode rowsNode = root.path("tableRows");
            if (!rowsNode.isObject()) {
                throw new IllegalArgumentException("tableRows is missing");
            }
            for (Map.Entry<String, JsonNode> e : rowsNode.properties()) {
                if (!e.getValue().canConvertToLong()) {
                    throw new IllegalArgumentException("tableRows." + e.getKey() + " is not a count");
                }
                rows.put(e.getKey(), e.getValue().asLong());
            }
            JsonNode bytes = root.path("dumpBytes");
            if (!bytes.canConvertToLong()) {
                throw new IllegalArgumentException("dumpBytes is missing");
            }
            return new BackupManifest(text(root, "format"), text(root, "database"),
                    Instant.parse(text(root, "createdAt")), text(root, "serverVersion"), text(root, "pgDumpVersion"),
                    text(root, "schemaVersion"), text(root, "dumpFile"), bytes.asLong(), text(root, "sha256"), rows,
                    text(root, "snapshot"));
        } catch (JacksonException | IllegalArgumentException | DateTimeParseException e) {
            throw new BackupException(BackupException.Reason.DAMAGED_DUMP,
                    "the manifest " + file + " cannot be read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the backup manifest " + file, e);
        }
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return node.asText();
    }

    /** The server's major version the dump was taken from. */
    public int serverMajor() {
        return Integer.parseInt(serverVersion.replaceAll("^(\\d+).*$", "$1"));
    }
}
