package io.topicguard.auth.reload;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HangupSignalTest {

    @Test
    @DisabledOnOs(OS.WINDOWS)
    void aSighupToThisProcessRunsTheReload() throws Exception {
        CountDownLatch reloaded = new CountDownLatch(1);
        assertThat(HangupSignal.install(reloaded::countDown)).isTrue();

        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).inheritIO().start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(reloaded.await(10, TimeUnit.SECONDS)).as("SIGHUP handled").isTrue();
    }
}
