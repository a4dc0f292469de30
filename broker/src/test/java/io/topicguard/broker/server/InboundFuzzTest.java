package io.topicguard.broker.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.topicguard.broker.auth.AccessControl;
import io.topicguard.broker.auth.IdentityOptions;
import io.topicguard.broker.delivery.MessageRouter;
import io.topicguard.broker.log.LimitEvents;
import io.topicguard.broker.log.LogThrottle;
import io.topicguard.broker.protocol.Connections;
import io.topicguard.broker.protocol.ProtocolLimits;
import io.topicguard.broker.routing.RetainedStore;
import io.topicguard.broker.routing.SubscriptionTree;
import io.topicguard.broker.session.QueueLimits;
import io.topicguard.broker.session.SessionRegistry;
import io.topicguard.broker.testing.PolicyBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.slf4j.LoggerFactory;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any bytes a client sends, through the listener's real pipeline (MQTT decoder, encoder, the
 * connection handler, a compiled policy, sessions, retained messages, the router) on an
 * {@link EmbeddedChannel}: nothing may throw out of the pipeline, no handler may fail on the
 * input (the handler closes quietly on any exception, so its DEBUG line is watched), and no
 * buffer may leak (the leak detector runs PARANOID and its reports fail the run). Each input gets
 * a broker of its own, so a finding replays alone.
 *
 * <p>Input layout: the first byte chooses how the rest is cut into reads (0: one read; n: reads
 * of n bytes), so split packets and pipelined packets are both reached.
 */
class InboundFuzzTest {

    private static final String POLICY = """
            default deny
            anonymous allow
            on deny ignore
            ban clientid ~ "^mallory"
            superuser username "admin"
            allow all to publish, subscribe "devices/${clientid}/#" qos 0..1
            allow username "u" to subscribe "$SYS/#", "+/status", "public/#"
            allow all to publish "public/+" retain true
            deny username "u" to subscribe "public/secret/#"
            """;
    private static final AccessControl ACCESS = AccessControl.of(PolicyBroker.policy(POLICY));

    /** Netty reports leaks on this logger at ERROR ("LEAK: ..."). */
    private static final Logger LEAKS = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    /** The connection handler's "closing PEER: EXCEPTION" line: on this channel only a bug can raise one. */
    private static final Logger HANDLER = (Logger) LoggerFactory.getLogger("io.topicguard.broker.protocol.MqttConnectionHandler");
    private static final Logger BROKER = (Logger) LoggerFactory.getLogger("io.topicguard");
    private static final ListAppender<ILoggingEvent> LEAK_REPORTS = new ListAppender<>();
    private static final ListAppender<ILoggingEvent> HANDLER_LINES = new ListAppender<>();
    private static final int GC_EVERY = 2_000;

    private static ResourceLeakDetector.Level previousLeakLevel;
    private static Level previousHandlerLevel;
    private static int executions;

    @BeforeAll
    static void watchLeaksAndHandlerFailures() {
        previousLeakLevel = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        LEAK_REPORTS.start();
        LEAKS.addAppender(LEAK_REPORTS);
        HANDLER_LINES.start();
        previousHandlerLevel = HANDLER.getLevel();
        HANDLER.setLevel(Level.DEBUG);
        HANDLER.addAppender(HANDLER_LINES);
        // Every denial and refused CONNECT is still formatted (that code is fuzzed too), but a
        // campaign's millions of lines do not reach the console.
        BROKER.setAdditive(false);
    }

    @AfterAll
    static void noLeakAfterAll() {
        try {
            collectAndAssertNoLeak();
        } finally {
            LEAKS.detachAppender(LEAK_REPORTS);
            HANDLER.detachAppender(HANDLER_LINES);
            HANDLER.setLevel(previousHandlerLevel);
            BROKER.setAdditive(true);
            ResourceLeakDetector.setLevel(previousLeakLevel);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void receive(byte[] input) {
        EmbeddedChannel channel = newConnection();
        int chunk = input.length == 0 || input[0] == 0 ? input.length : input[0] & 0xFF;
        for (int at = 1; at < input.length && channel.isOpen(); at += chunk) {
            int length = Math.min(chunk, input.length - at);
            ByteBuf read = channel.alloc().buffer(length).writeBytes(input, at, length);
            channel.writeInbound(read);
            settle(channel);
        }
        // The client goes away: wills, session expiry and the connect timeout all come due.
        channel.close();
        settle(channel);
        channel.advanceTimeBy(2, TimeUnit.DAYS);
        settle(channel);
        assertThat(channel.finishAndReleaseAll()).as("messages left in the pipeline").isFalse();

        List<String> failures = HANDLER_LINES.list.stream()
                .filter(e -> "closing {}: {}".equals(e.getMessage()))
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
        HANDLER_LINES.list.clear();
        assertThat(failures).as("the connection handler failed on the input").isEmpty();
        if (++executions % GC_EVERY == 0) {
            collectAndAssertNoLeak();
        }
    }

    /** A broker of its own, with its clock in the channel's event loop, and one connection to it on the listener "tcp". */
    private static EmbeddedChannel newConnection() {
        // Registered and active with no handler yet; the listener's handlers are added below and
        // then told what a new socket's handlers are told, in the same order.
        EmbeddedChannel channel = new EmbeddedChannel();
        SubscriptionTree subscriptions = new SubscriptionTree();
        AtomicReference<MessageRouter> router = new AtomicReference<>();
        ProtocolLimits limits = ProtocolLimits.defaults();
        LimitEvents limitEvents = new LimitEvents();
        QueueLimits queueLimits = new QueueLimits(limits.maximumQueued(), limits.maximumQueuedBytes(),
                limits.queueOverflow() == ProtocolLimits.QueueOverflow.DROP_OLDEST, limitEvents);
        SessionRegistry sessions = new SessionRegistry(subscriptions, channel.eventLoop(), will -> router.get().publishWill(will, ACCESS),
                queueLimits, limits.maximumSessions());
        LogThrottle denials = LogThrottle.forDenials();
        router.set(new MessageRouter(subscriptions, new RetainedStore(limits.maximumRetained(), limits.maximumRetainedBytes()), sessions, denials));
        Connections connections = new Connections(sessions, subscriptions, router.get(), ACCESS, null, IdentityOptions.AS_PRESENTED, limits,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), denials, limitEvents);
        MqttChannelInitializer.installMqtt(channel.pipeline(), "tcp", connections);
        channel.pipeline().fireChannelRegistered().fireChannelActive();
        return channel;
    }

    /** Runs what the input set off, releases what the broker answered, and rethrows anything that reached the pipeline's end. */
    private static void settle(EmbeddedChannel channel) {
        channel.runPendingTasks();
        for (Object out; (out = channel.readOutbound()) != null; ) {
            ReferenceCountUtil.release(out);
        }
        channel.checkException();
    }

    /**
     * Leaks are found when a lost buffer has been collected and the detector next tracks a buffer.
     * A weak sentinel tells when the collector's references have been queued (never a sleep).
     */
    private static void collectAndAssertNoLeak() {
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> queue = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), queue);
            System.gc();
            try {
                assertThat(queue.remove(10_000)).as("the collector ran").isSameAs(sentinel);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            for (int j = 0; j < 8; j++) {
                ByteBufAllocator.DEFAULT.buffer(1).release();
                ByteBufAllocator.DEFAULT.heapBuffer(1).release();
            }
        }
        List<String> leaks = LEAK_REPORTS.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        LEAK_REPORTS.list.clear();
        assertThat(leaks).as("buffers leaked").isEmpty();
    }
}
