package dev.tradingcore.adapters.broker.simulated;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A simulation's state in a JSON file. A save writes a temporary file beside it, forces it to disk, moves it over the
 * old one atomically and forces the directory, so a crash while saving leaves the previous state, never half a file,
 * and a save that returned survives a crash of the machine too.
 */
public final class StateFile {

    /** The JSON of saved states and journal records. */
    static final ObjectMapper JSON = new ObjectMapper()
            .configure(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN, true)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider)
                                throws IOException {
                            out.writeString(value.toString());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser in, DeserializationContext context) throws IOException {
                            return Instant.parse(in.getValueAsString());
                        }
                    }));

    private final Path path;

    public StateFile(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("a state file needs a path");
        }
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** The saved state, none when the file does not exist; a clear failure when it cannot be read. */
    public Option<SimulationState> load() {
        if (!Files.exists(path)) {
            return Option.none();
        }
        try {
            return Option.some(JSON.readValue(path.toFile(), SimulationState.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the simulation state " + path + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the saved state atomically. */
    public void save(SimulationState state) {
        try {
            Path directory = path.getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, path.getFileName().toString(), ".tmp");
            try {
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer bytes = ByteBuffer.wrap(JSON.writeValueAsBytes(state));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    out.force(true);
                }
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException notAtomic) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory(directory);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the simulation state to " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Forces a directory's entries (a file created, renamed or deleted in it) to disk, where the platform allows it
     * (Linux and macOS do; Windows cannot open a directory, and needs no such step).
     */
    static void forceDirectory(Path directory) throws IOException {
        if (System.getProperty("os.name", "").startsWith("Windows")) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The exchange restored from this file, or a new one when the file does not exist yet. */
    public SimulatedExchange open(SimulationConfig config, java.time.Clock clock) {
        return load().map(state -> SimulatedExchange.restore(config, clock, state))
                .getOrElse(() -> SimulatedExchange.start(config, clock));
    }
}
