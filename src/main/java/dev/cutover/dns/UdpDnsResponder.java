package dev.cutover.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

/**
 * A DNS server on one UDP socket, answering on a daemon thread of its own until closed. Answers
 * larger than the client can take go out truncated (TC), as a real server's do.
 */
final class UdpDnsResponder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(UdpDnsResponder.class);
    private static final int CLASSIC_UDP_SIZE = 512;

    private final DatagramSocket socket;
    private final DnsAnswers answers;
    private final Thread thread;

    private UdpDnsResponder(DatagramSocket socket, DnsAnswers answers) {
        this.socket = socket;
        this.answers = answers;
        this.thread = new Thread(this::serve, "dns-responder-" + socket.getLocalPort());
        this.thread.setDaemon(true);
    }

    /** Binds {@code address} (port 0: any free one) and starts answering; a port in use fails with BindException. */
    static UdpDnsResponder start(InetSocketAddress address, DnsAnswers answers) throws SocketException {
        UdpDnsResponder responder = new UdpDnsResponder(new DatagramSocket(address), answers);
        responder.thread.start();
        return responder;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("DNS responder on {} could not receive: {}", address(), e.getMessage());
                }
                continue;
            }
            byte[] reply = reply(Arrays.copyOf(packet.getData(), packet.getLength()));
            if (reply == null) {
                continue;
            }
            try {
                socket.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    log.warn("DNS responder on {} could not answer {}: {}", address(), packet.getSocketAddress(),
                            e.getMessage());
                }
            }
        }
    }

    private byte[] reply(byte[] request) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException unreadable) {
            return null;
        }
        Message response;
        try {
            response = answers.answer(query);
        } catch (RuntimeException e) {
            log.warn("DNS responder on {} failed to answer {}: {}", address(), query.getQuestion(), e.toString());
            response = serverFailure(query);
        }
        return response.toWire(maxSize(query));
    }

    private static Message serverFailure(Message query) {
        Message failure = new Message(query.getHeader().getID());
        failure.getHeader().setFlag(Flags.QR);
        failure.getHeader().setRcode(Rcode.SERVFAIL);
        if (query.getQuestion() != null) {
            failure.addRecord(query.getQuestion(), Section.QUESTION);
        }
        return failure;
    }

    private static int maxSize(Message query) {
        OPTRecord opt = query.getOPT();
        return opt == null ? CLASSIC_UDP_SIZE : Math.max(CLASSIC_UDP_SIZE, opt.getPayloadSize());
    }
}
