package dev.tradingcore.adapters.broker.paper;

import dev.tradingcore.adapters.broker.simulated.FaultPlan;
import java.time.Duration;

/**
 * How the paper exchange serves.
 *
 * @param host the address to listen on; loopback by default
 * @param port 0 for any free port
 * @param keyId the API key id a client must send
 * @param secretKey the secret a client must send; never logged
 * @param stepInterval how often prices step; zero: only when the exchange's {@code step()} is called
 * @param saveInterval with a state, how often the journal is looked at for a due checkpoint (every change is journaled
 *     before it is answered, whatever this is)
 * @param threads the HTTP worker threads
 * @param faults injected faults on the HTTP side
 */
public record PaperExchangeConfig(String host, int port, String keyId, String secretKey, Duration stepInterval,
        Duration saveInterval, int threads, FaultPlan faults) {

    /** The credentials the paper exchange accepts unless configured otherwise. */
    public static final String DEFAULT_KEY_ID = "paper-key";
    public static final String DEFAULT_SECRET = "paper-secret";

    public PaperExchangeConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("the paper exchange needs a host to listen on, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        }
        if (keyId == null || keyId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("the paper exchange needs an API key id and secret");
        }
        if (stepInterval == null || stepInterval.isNegative() || saveInterval == null || saveInterval.isNegative()
                || saveInterval.isZero()) {
            throw new IllegalArgumentException("the step interval must be zero or more, the save interval positive");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("the paper exchange needs at least one HTTP thread");
        }
        if (faults == null) {
            throw new IllegalArgumentException("the paper exchange needs a fault plan (FaultPlan.none())");
        }
    }

    /** Loopback, the default credentials, a step every 100 ms, checkpoint checks every second, 8 threads, no faults. */
    public static PaperExchangeConfig defaults(int port) {
        return new PaperExchangeConfig("127.0.0.1", port, DEFAULT_KEY_ID, DEFAULT_SECRET, Duration.ofMillis(100),
                Duration.ofSeconds(1), 8, FaultPlan.none());
    }

    public PaperExchangeConfig withStepInterval(Duration value) {
        return new PaperExchangeConfig(host, port, keyId, secretKey, value, saveInterval, threads, faults);
    }

    public PaperExchangeConfig withCredentials(String key, String secret) {
        return new PaperExchangeConfig(host, port, key, secret, stepInterval, saveInterval, threads, faults);
    }

    public PaperExchangeConfig withFaults(FaultPlan value) {
        return new PaperExchangeConfig(host, port, keyId, secretKey, stepInterval, saveInterval, threads, value);
    }

    public PaperExchangeConfig withSaveInterval(Duration value) {
        return new PaperExchangeConfig(host, port, keyId, secretKey, stepInterval, value, threads, faults);
    }

    @Override
    public String toString() {
        return "PaperExchangeConfig[host=" + host + ", port=" + port + ", keyId=***, secretKey=***, stepInterval="
                + stepInterval + ", saveInterval=" + saveInterval + ", threads=" + threads + "]";
    }
}
