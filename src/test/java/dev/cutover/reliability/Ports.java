package dev.cutover.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;

/** Ports free now on 127.0.0.1; {@code reliability.port-base} picks them from a range of one's own instead. */
final class Ports {

    private static int next = Integer.getInteger("reliability.port-base", 0);

    private Ports() {
    }

    static synchronized int freeTcp() {
        if (next > 0) {
            return next++;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    static synchronized int freeUdp() {
        if (next > 0) {
            return next++ + 100;
        }
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free UDP port", e);
        }
    }
}
