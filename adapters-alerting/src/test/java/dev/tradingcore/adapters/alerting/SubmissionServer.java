package dev.tradingcore.adapters.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.subethamail.smtp.AuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.auth.PlainAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.UsernamePasswordValidator;
import org.subethamail.smtp.server.SMTPServer;

/**
 * A real SMTP submission server on loopback (SubEthaSMTP) that requires STARTTLS before anything and a login before
 * MAIL FROM, like port 587 of a mail provider. Its certificate is made for this run by the JDK's keytool (CN
 * localhost, SAN 127.0.0.1 and localhost unless told otherwise); {@link #clientTrust()} trusts that one certificate and
 * nothing else.
 */
final class SubmissionServer implements AutoCloseable {

    /** A message as the server received it, with who had logged in. */
    record Received(String from, String to, String data, String identity) {}

    enum Mechanism { PLAIN, LOGIN }

    private static final char[] STORE_PASSWORD = "changeit".toCharArray();

    private final SMTPServer server;
    private final SSLContext clientTrust;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> loginsRefused = new CopyOnWriteArrayList<>();

    private SubmissionServer(Path dir, String username, String password, Mechanism mechanism, String names)
            throws Exception {
        Path keyStore = dir.resolve("smtp.p12");
        keytool("-genkeypair", "-alias", "smtp", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=" + names, "-validity", "2", "-storetype", "PKCS12", "-keystore",
                keyStore.toString(), "-storepass", new String(STORE_PASSWORD));
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, STORE_PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, STORE_PASSWORD);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("smtp", keys.getCertificate("smtp"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        clientTrust = SSLContext.getInstance("TLS");
        clientTrust.init(null, tmf.getTrustManagers(), null);

        UsernamePasswordValidator validator = (user, pass, context) -> {
            if (!user.equals(username) || !pass.equals(password)) {
                loginsRefused.add(user);
                throw new LoginFailedException("bad user name or password");
            }
        };
        AuthenticationHandlerFactory auth = mechanism == Mechanism.PLAIN
                ? new PlainAuthenticationHandlerFactory(validator) : new LoginAuthenticationHandlerFactory(validator);
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("localhost")
                .enableTLS()
                .requireTLS()
                .startTlsSocketFactory(serverTls)
                .requireAuth()
                .authenticationHandlerFactory(auth)
                .messageHandler((context, from, to, data) -> received.add(new Received(from, to,
                        new String(data, StandardCharsets.UTF_8), context.getAuthenticationHandler()
                                .map(h -> String.valueOf(h.getIdentity())).orElse(null))))
                .build();
        server.start();
    }

    static SubmissionServer start(Path dir, String username, String password, Mechanism mechanism)
            throws Exception {
        return new SubmissionServer(dir, username, password, mechanism, "ip:127.0.0.1,dns:localhost");
    }

    /** A server whose certificate names {@code names} only (keytool's SAN syntax, e.g. {@code dns:mail.example}). */
    static SubmissionServer withCertificateFor(Path dir, String username, String password, String names)
            throws Exception {
        return new SubmissionServer(dir, username, password, Mechanism.PLAIN, names);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    int port() {
        return server.getPortAllocated();
    }

    /** Trusts this server's certificate only. */
    SSLContext clientTrust() {
        return clientTrust;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<String> loginsRefused() {
        return List.copyOf(loginsRefused);
    }

    @Override
    public void close() {
        server.stop();
    }
}
