package io.topicguard.jmh.load;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.mqtt.MqttPublishMessage;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntFunction;

/**
 * Many {@link LoadClient}s connecting to one broker, as a fleet does: each from one of
 * {@value #ADDRESSES} loopback source addresses (127.0.1.1, 127.0.1.2, ...; Linux answers on all of
 * 127/8), since a real fleet does not come from one address and topicguard's per-address login
 * limits (half of the authentication queue per address, docs/broker.md) are meant for one
 * misbehaving address, not for a fleet. At most {@code window} CONNECTs await their CONNACK at once.
 */
final class Fleet {

    /** Source addresses the clients are spread over; 18,000 clients make 282 per address. */
    static final int ADDRESSES = 64;
    /** How long the whole fleet may take to connect before the stragglers count as failed. */
    private static final long CONNECT_LIMIT_SECONDS = 120;

    /** What one client is told to send. */
    record Credentials(String clientId, String username, String password, boolean cleanSession) {
    }

    /** One client's connect: the client whether or not it was admitted, or the error that kept it out. */
    record Outcome(LoadClient client, Throwable error) {
        boolean admitted() {
            return error == null;
        }
    }

    private Fleet() {
    }

    static InetAddress sourceAddress(int client) {
        int n = client % ADDRESSES;
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + n / 250), (byte) (1 + n % 250)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an address", e);
        }
    }

    /** Connects {@code count} clients, at most {@code window} awaiting a CONNACK at once; returns in client order. */
    static List<Outcome> connect(EventLoopGroup group, int port, int count, int window, IntFunction<Credentials> credentials,
                                 LoadClient.Listener listener) throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        List<LoadClient> clients = new ArrayList<>(count);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CONNECT_LIMIT_SECONDS);
        for (int i = 0; i < count; i++) {
            if (!inFlight.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                clients.add(null);
                continue;
            }
            Credentials c = credentials.apply(i);
            LoadClient client = LoadClient.open(group, sourceAddress(i), port, c.clientId(), c.username(), c.password(),
                    c.cleanSession(), listener);
            client.connected().whenComplete((ok, error) -> inFlight.release());
            clients.add(client);
        }
        List<Outcome> outcomes = new ArrayList<>(count);
        for (LoadClient client : clients) {
            if (client == null) {
                outcomes.add(new Outcome(null, new IllegalStateException("not started within " + CONNECT_LIMIT_SECONDS + " s")));
                continue;
            }
            try {
                client.connected().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                outcomes.add(new Outcome(client, null));
            } catch (ExecutionException e) {
                outcomes.add(new Outcome(client, e.getCause()));
            } catch (TimeoutException e) {
                outcomes.add(new Outcome(client, new IllegalStateException("no CONNACK within " + CONNECT_LIMIT_SECONDS + " s")));
            }
        }
        return outcomes;
    }

    /** Sends DISCONNECT on every open connection and waits (bounded) until they are closed. */
    static void close(List<Outcome> outcomes) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (Outcome o : outcomes) {
            if (o.client() != null && o.client().channel() != null) {
                closing.add(o.client().disconnectLater());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** A listener for clients that only connect (and subscribe): every callback is ignored but a lost connection. */
    static LoadClient.Listener quiet(List<String> lost) {
        return new QuietListener() {
            @Override
            public void lost(LoadClient client, Throwable cause) {
                synchronized (lost) {
                    lost.add(client.clientId() + ": " + cause.getMessage());
                }
            }
        };
    }

    /** A listener that ignores everything; override what matters. */
    static class QuietListener implements LoadClient.Listener {
        @Override
        public void published(LoadClient client, MqttPublishMessage message) {
        }

        @Override
        public void acknowledged(LoadClient client, int packetId) {
        }

        @Override
        public void lost(LoadClient client, Throwable cause) {
        }

        @Override
        public void readComplete(LoadClient client) {
        }
    }
}
