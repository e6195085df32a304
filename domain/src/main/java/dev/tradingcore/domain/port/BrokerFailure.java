package dev.tradingcore.domain.port;

import io.vavr.control.Option;
import java.time.Duration;

/**
 * Why a broker call gave no answer, split by what it tells us about the order.
 *
 * <p>A {@link Definitive} failure is the broker's answer: it rejected the request ({@link Rejected}) or it does
 * not know the thing asked about ({@link NotFound}). A {@link Transient} failure says nothing about the order:
 * the call timed out, the broker failed (5xx), we were rate limited, the connection broke, the answer could not be
 * read, or the broker refused our credentials. Acting on a
 * transient failure as if it were an answer, e.g. marking a live order rejected because a status query timed
 * out, is the mistake this type exists to prevent.
 */
public sealed interface BrokerFailure {

    /** A trader-readable description. */
    String message();

    default boolean isTransient() {
        return this instanceof Transient;
    }

    /** The broker's own answer; retrying the same request gives the same answer. */
    sealed interface Definitive extends BrokerFailure {
    }

    /** No answer; retrying later may succeed. */
    sealed interface Transient extends BrokerFailure {
    }

    /** The broker refused the request, e.g. insufficient buying power, market closed, unknown symbol. */
    record Rejected(String reason, Option<String> brokerCode) implements Definitive {
        @Override
        public String message() {
            return "rejected by the broker: " + reason + brokerCode.map(code -> " (" + code + ")").getOrElse("");
        }
    }

    /** The broker answered that the order, position or resource does not exist. */
    record NotFound(String what) implements Definitive {
        @Override
        public String message() {
            return "the broker does not know " + what;
        }
    }

    /** No answer within the time allowed. The request may or may not have reached the broker. */
    record Timeout(Duration after) implements Transient {
        @Override
        public String message() {
            return "no answer from the broker within " + after.toMillis() + " ms";
        }
    }

    /** The broker failed (HTTP 5xx). */
    record ServerError(int status, String detail) implements Transient {
        @Override
        public String message() {
            return "the broker failed with status " + status + ": " + detail;
        }
    }

    /** Too many requests; retry after the given delay when the broker says one. */
    record RateLimited(Option<Duration> retryAfter) implements Transient {
        @Override
        public String message() {
            return "rate limited by the broker" + retryAfter.map(d -> ", retry after " + d.toSeconds() + " s")
                    .getOrElse("");
        }
    }

    /**
     * The broker answered something that cannot be read (not JSON, a field missing, a quantity with more places than
     * we keep, a negative price). Transient, because it says nothing reliable: a submit whose answer is unreadable may
     * still have placed the order.
     */
    record Malformed(String detail) implements Transient {
        @Override
        public String message() {
            return "unreadable answer from the broker: " + detail;
        }
    }

    /**
     * The broker refused our credentials or permissions (HTTP 401, or 403 outside an order's submission). It says
     * nothing about the order or position asked about, so it is no answer; it does not pass by waiting, so whoever
     * sees it alerts at once: a person must fix the keys.
     */
    record Unauthorized(int status, String detail) implements Transient {
        @Override
        public String message() {
            return "the broker refused our credentials (HTTP " + status + "): " + detail;
        }
    }

    /** The connection could not be made or broke. */
    record ConnectionFailed(String detail) implements Transient {
        @Override
        public String message() {
            return "no connection to the broker: " + detail;
        }
    }
}
