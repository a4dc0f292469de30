package io.topicguard.broker.session;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One publication's shared packets: handed out as duplicates, released once delivered, kept to the routing thread. */
class SharedFramesTest {

    @Test
    void eachDeliveryHoldsItsOwnReferenceAndClosingReleasesTheHolders() {
        SharedFrames frames = new SharedFrames();
        ByteBuf encoded = Unpooled.directBuffer().writeBytes(new byte[] {0x30, 3, 0, 1, 'a'});
        ByteBuf first = frames.share(0, encoded);
        ByteBuf second = frames.retainedFrame(0);
        assertThat(second).as("the packet kept for variant 0").isNotNull();
        assertThat(frames.retainedFrame(1)).as("no packet for another variant").isNull();
        frames.close();
        assertThat(encoded.refCnt()).as("references left with the two deliveries").isEqualTo(2);
        first.release();
        second.release();
        assertThat(encoded.refCnt()).as("released once both deliveries were written").isZero();
    }

    @Test
    void referencesTakenInBulkAreGivenBackOnClose() {
        SharedFrames frames = new SharedFrames();
        ByteBuf encoded = Unpooled.directBuffer().writeByte(1);
        List<ByteBuf> deliveries = new ArrayList<>();
        deliveries.add(frames.share(1, encoded));
        for (int i = 0; i < 200; i++) {
            deliveries.add(frames.retainedFrame(1));
        }
        frames.close();
        assertThat(encoded.refCnt()).as("one reference per delivery not yet written").isEqualTo(201);
        deliveries.forEach(ByteBuf::release);
        assertThat(encoded.refCnt()).isZero();
    }

    @Test
    void nothingIsSharedOnceClosedOrOnAnotherThread() throws Exception {
        SharedFrames frames = new SharedFrames();
        ByteBuf kept = frames.share(2, Unpooled.directBuffer().writeByte(1));
        assertThat(CompletableFuture.supplyAsync(() -> frames.retainedFrame(2)).get())
                .as("a delivery on another thread, which may outlive the routing").isNull();
        frames.close();
        assertThat(frames.retainedFrame(2)).isNull();
        ByteBuf late = Unpooled.directBuffer().writeByte(2);
        assertThat(frames.share(3, late)).as("a late packet is its delivery's alone").isSameAs(late);
        assertThat(late.refCnt()).isEqualTo(1);
        late.release();
        kept.release();
    }
}
