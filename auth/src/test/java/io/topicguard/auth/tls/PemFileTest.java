package io.topicguard.auth.tls;

import org.junit.jupiter.api.Test;

import java.nio.file.AccessDeniedException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The file-level wording; the broker's TlsContextFactoryTest and the decision service's TlsListenerTest pin the rest through real files. */
class PemFileTest {

    @Test
    void permissionDeniedIsWordedForTheOperator() {
        // The wording of the unreadable-file branch, which root (as in CI containers) cannot reach for real.
        assertThat(PemFile.describe(new AccessDeniedException("/etc/key.pem")))
                .isEqualTo("permission denied (not readable by this process)");
    }

    @Test
    void aSwapIsHintedInTheWordsTheOperatorUsed() {
        assertThat(new PemFile("--cert", Path.of("c.pem")).swapHint()).isEqualTo(" (were --cert and --key swapped?)");
        assertThat(new PemFile("key", Path.of("k.pem")).swapHint()).isEqualTo(" (were cert and key swapped?)");
    }

    @Test
    void aProblemStartsWithTheOptionAndThePath() {
        assertThat(new PemFile("cafile", Path.of("/x/ca.pem")).problem("file is empty")).hasMessage("cafile /x/ca.pem: file is empty");
    }
}
