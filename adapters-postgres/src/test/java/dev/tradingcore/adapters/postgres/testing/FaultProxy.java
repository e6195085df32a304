package dev.tradingcore.adapters.postgres.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on the loopback interface for fault injection: it forwards to a server (the test PostgreSQL) and can be
 * told to fail the way networks and servers fail.
 * <ul>
 *   <li>{@link #stopAccepting()}: the port closes, new connections are refused (a server that is down);
 *       {@link #resumeAccepting()} opens the same port again.</li>
 *   <li>{@link #dropConnections()}: every open connection is reset (a server that crashed or restarted).</li>
 *   <li>{@link #blackhole()}: connections are accepted and bytes are read, but nothing is forwarded either way (a
 *       peer that vanished without a FIN, a firewall that drops packets); {@link #heal()} forwards again.</li>
 * </ul>
 * Threads are daemons, at most {@code 2 * MAX_CONNECTIONS + 2} of them; the proxy closes itself after its lifetime in
 * case a test forgets to.
 */
public final class FaultProxy implements AutoCloseable {

    private static final int MAX_CONNECTIONS = 64;
    private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile ServerSocket server;
    /** Counts {@link #dropConnections()}: a connection being set up while one ran is dropped too. */
    private long drops;
    private volatile boolean blackholed;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress target, Duration lifetime) {
        this.target = target;
        this.server = bind(0);
        this.port = server.getLocalPort();
        startAcceptor(server);
        Thread reaper = new Thread(() -> {
            try {
                Thread.sleep(lifetime.toMillis());
                close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "fault-proxy-reaper-" + port);
        reaper.setDaemon(true);
        reaper.start();
    }

    /** Starts a proxy on a free loopback port forwarding to {@code host:port}. */
    public static FaultProxy to(String host, int port) {
        return new FaultProxy(new InetSocketAddress(host, port), DEFAULT_LIFETIME);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return port;
    }

    /** Connections accepted since the start (including blackholed ones). */
    public int acceptedConnections() {
        return accepted.get();
    }

    /** Closes the listening port: new connections are refused; open ones keep working. */
    public synchronized void stopAccepting() {
        ServerSocket current = server;
        server = null;
        closeQuietly(current);
    }

    /** Listens on the same port again. */
    public synchronized void resumeAccepting() {
        if (server == null && !closed) {
            server = bind(port);
            startAcceptor(server);
        }
    }

    /** Resets every open connection (SO_LINGER 0, so the peer sees an RST, not a clean close). */
    public synchronized void dropConnections() {
        drops++;
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0);
            } catch (SocketException e) {
                // already closed
            }
            closeQuietly(socket);
        }
    }

    /** From now on nothing is forwarded, in either direction, on old or new connections; nothing is closed either. */
    public void blackhole() {
        blackholed = true;
    }

    /** Forwards again (new connections; blackholed ones stay dead, as after a real outage). */
    public void heal() {
        blackholed = false;
    }

    private ServerSocket bind(int wanted) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), wanted), 50);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on loopback port " + wanted, e);
        }
    }

    private void startAcceptor(ServerSocket listening) {
        daemon("fault-proxy-accept-" + listening.getLocalPort(), () -> {
            while (!closed && !listening.isClosed()) {
                Socket client;
                try {
                    client = listening.accept();
                } catch (IOException e) {
                    return;
                }
                accepted.incrementAndGet();
                // A connection accepted just before stopAccepting()/dropConnections() must not outlive them: its
                // registration and the drop are serialised, and one set up while a drop ran is dropped as well (under
                // load a pool connection otherwise slipped through and the "outage" forwarded fills).
                long dropsAtAccept;
                synchronized (this) {
                    if (server != listening || sockets.size() >= 2 * MAX_CONNECTIONS) {
                        closeQuietly(client);
                        continue;
                    }
                    dropsAtAccept = drops;
                    sockets.add(client);
                }
                if (blackholed) {
                    daemon("fault-proxy-sink", () -> swallow(client));
                    continue;
                }
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 2_000);
                } catch (IOException e) {
                    closeQuietly(client);
                    sockets.remove(client);
                    continue;
                }
                synchronized (this) {
                    if (drops != dropsAtAccept || server != listening) {
                        closeQuietly(client);
                        closeQuietly(upstream);
                        sockets.remove(client);
                        continue;
                    }
                    sockets.add(upstream);
                }
                daemon("fault-proxy-up", () -> pump(client, upstream));
                daemon("fault-proxy-down", () -> pump(upstream, client));
            }
        });
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (!blackholed) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
        } catch (IOException e) {
            // one side went away: take the other down with it, as a real proxy would
        } finally {
            if (!blackholed) {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }
    }

    private void swallow(Socket client) {
        byte[] buffer = new byte[4096];
        try (InputStream in = client.getInputStream()) {
            while (in.read(buffer) >= 0) {
                // read and drop: the client waits for an answer that never comes
            }
        } catch (IOException e) {
            // closed by the test or the client
        } finally {
            closeQuietly(client);
            sockets.remove(client);
        }
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // nothing to do
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        stopAccepting();
        dropConnections();
    }
}
