package io.topicguard.broker.protocol;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Acknowledgements released by one commit reach the wire in the order they were asked for, with
 * one flush for all of them rather than one task and one flush each.
 */
class CommittedAcksTest {

    @Test
    void acknowledgementsQueuedFromAnotherThreadAreWrittenInOrderWithOneFlush() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(1);
        List<Object> written = new CopyOnWriteArrayList<>();
        AtomicInteger flushes = new AtomicInteger();
        try {
            LocalAddress address = new LocalAddress("committed-acks-" + System.nanoTime());
            new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                    .childHandler(new ChannelInboundHandlerAdapter()).bind(address).sync();
            Channel channel = new Bootstrap().group(group).channel(LocalChannel.class)
                    .handler(new ChannelOutboundHandlerAdapter() {
                        @Override
                        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                            written.add(msg);
                            promise.setSuccess();
                        }

                        @Override
                        public void flush(ChannelHandlerContext ctx) {
                            flushes.incrementAndGet();
                        }
                    }).connect(address).sync().channel();
            CommittedAcks acks = new CommittedAcks(channel);

            // The loop is busy while the committing thread (this one) releases a whole batch.
            CountDownLatch busy = new CountDownLatch(1);
            channel.eventLoop().execute(() -> awaitQuietly(busy));
            int count = 500;
            for (int i = 0; i < count; i++) {
                int packetId = i;
                acks.add(() -> channel.write(packetId));
            }
            busy.countDown();

            await().atMost(10, TimeUnit.SECONDS).until(() -> written.size() == count && flushes.get() > 0);
            assertThat(written).containsExactlyElementsOf(IntStream.range(0, count).boxed().toList());
            assertThat(flushes.get()).isEqualTo(1);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
