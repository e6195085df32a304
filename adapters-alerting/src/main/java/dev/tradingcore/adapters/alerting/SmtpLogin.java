package dev.tradingcore.adapters.alerting;

import java.util.Objects;

/**
 * The account alert e-mail logs in with (SMTP AUTH PLAIN or LOGIN, only after STARTTLS). The password may hold any
 * character ({@code @}, {@code :} included: it is never put in a URL, only base64-encoded into AUTH); it is never
 * printed: not by {@link #toString()}, not in a failure.
 */
public record SmtpLogin(String username, String password) {

    public SmtpLogin {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank() || username.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("the SMTP user name must not be blank or hold control characters");
        }
        if (password.isEmpty() || password.chars().anyMatch(c -> c == 0 || c == '\r' || c == '\n')) {
            throw new IllegalArgumentException("the SMTP password must not be empty or hold NUL, CR or LF");
        }
    }

    @Override
    public String toString() {
        return "SmtpLogin[" + username + ", password ***]";
    }
}
