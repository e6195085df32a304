package dev.tradingcore.adapters.broker.alpaca;

import java.net.URI;
import java.time.Duration;

/**
 * Where the Alpaca Trader API is and how to authenticate. The key id and secret never appear in {@link #toString()},
 * in a failure's text or in a log line.
 *
 * @param baseUrl e.g. {@code https://paper-api.alpaca.markets} or a paper exchange's {@code http://127.0.0.1:PORT}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for each answer; past it the call fails as a timeout
 * @param pageSize entries per page when reading fill activities (1 to 100)
 */
public record AlpacaSettings(URI baseUrl, String keyId, String secretKey, Duration connectTimeout,
        Duration requestTimeout, int pageSize) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_PAGE_SIZE = 100;

    public AlpacaSettings {
        if (baseUrl == null || !("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("the broker's base URL must be an http or https URL with a host, e.g. "
                    + "https://paper-api.alpaca.markets");
        }
        if (keyId == null || keyId.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("the broker needs an API key id and a secret key");
        }
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()
                || requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the broker's timeouts must be positive");
        }
        if (pageSize < 1 || pageSize > 100) {
            throw new IllegalArgumentException("the activities page size must be 1 to 100, not " + pageSize);
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** Settings with the default timeouts and page size. */
    public static AlpacaSettings of(URI baseUrl, String keyId, String secretKey) {
        return new AlpacaSettings(baseUrl, keyId, secretKey, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_PAGE_SIZE);
    }

    public AlpacaSettings withRequestTimeout(Duration value) {
        return new AlpacaSettings(baseUrl, keyId, secretKey, connectTimeout, value, pageSize);
    }

    public AlpacaSettings withPageSize(int value) {
        return new AlpacaSettings(baseUrl, keyId, secretKey, connectTimeout, requestTimeout, value);
    }

    /** The text with the key id and the secret replaced, for anything that may be shown or logged. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        return text.replace(secretKey, "***").replace(keyId, "***");
    }

    @Override
    public String toString() {
        return "AlpacaSettings[baseUrl=" + baseUrl + ", keyId=***, secretKey=***, connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + ", pageSize=" + pageSize + "]";
    }
}
