package dev.cutover.dns;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.EDNSOption;
import org.xbill.DNS.Message;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/**
 * One resolver being asked, through dnsjava's {@link SimpleResolver}. dnsjava 3.7 reports an
 * unanswered query as a plain IOException (Lookup then says "network error", not "timed out"), and
 * a port nobody listens on as PortUnreachableException: both are a resolver that does not answer,
 * so both become the timeout Lookup knows, and any other failure is kept to be reported.
 */
final class AskedResolver implements Resolver {

    private final SimpleResolver resolver;
    private String failure;

    AskedResolver(InetSocketAddress address, Duration timeout) {
        this.resolver = new SimpleResolver(address);
        this.resolver.setTimeout(timeout);
    }

    /** Why the last query failed, when it did for another reason than no answer. */
    String failure() {
        return failure;
    }

    @Override
    public Message send(Message query) throws IOException {
        try {
            return resolver.send(query);
        } catch (SocketTimeoutException | PortUnreachableException noAnswer) {
            throw timeout(noAnswer);
        } catch (IOException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw timeout(e);
            }
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw e;
        }
    }

    private static SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException(cause.getMessage());
        timeout.initCause(cause);
        return timeout;
    }

    @Override
    public CompletionStage<Message> sendAsync(Message query) {
        return resolver.sendAsync(query);
    }

    @Override
    public void setPort(int port) {
        resolver.setPort(port);
    }

    @Override
    public void setTCP(boolean flag) {
        resolver.setTCP(flag);
    }

    @Override
    public void setIgnoreTruncation(boolean flag) {
        resolver.setIgnoreTruncation(flag);
    }

    @Override
    public void setEDNS(int version, int payloadSize, int flags, List<EDNSOption> options) {
        resolver.setEDNS(version, payloadSize, flags, options);
    }

    @Override
    public void setTSIGKey(TSIG key) {
        resolver.setTSIGKey(key);
    }

    @Override
    public void setTimeout(Duration timeout) {
        resolver.setTimeout(timeout);
    }

    @Override
    public Duration getTimeout() {
        return resolver.getTimeout();
    }

    @Override
    public String toString() {
        return resolver.toString();
    }
}
