package io.agentpulse.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers. Every server here listens on 127.0.0.1 only. */
final class Ports {
    static final String HOST = "127.0.0.1";

    private Ports() {
    }

    /** A port free right now (the OS picks it); a small race with other processes remains. */
    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + HOST + ".", e);
        }
    }

    /** True when nothing listens on the port now, so a remembered port can be reused. */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when a start on a port we picked ourselves (wanted 0) failed because someone took it
     * between our check and the server's bind, and another try is allowed (3 in all).
     */
    static boolean lostRace(int wanted, int attempt, RuntimeException failure) {
        return wanted == 0 && attempt < 3 && String.valueOf(failure.getMessage()).contains("Address already in use");
    }

    /** {@code wanted} when positive, else {@code remembered} when still free, else a fresh free port. */
    static int choose(int wanted, int remembered) {
        if (wanted > 0) {
            return wanted;
        }
        if (remembered > 0 && isFree(remembered)) {
            return remembered;
        }
        return free();
    }
}
