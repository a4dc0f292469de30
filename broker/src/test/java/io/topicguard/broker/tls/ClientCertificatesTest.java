package io.topicguard.broker.tls;

import io.topicguard.testkit.pki.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which CN of a certificate subject becomes the policy's {@code cn}. */
class ClientCertificatesTest {

    private static final TestPki.Issued CA = TestPki.ca("Test CA");

    @Test
    void commonNameIsTheSubjectsCn() {
        assertThat(ClientCertificates.commonName(TestPki.clientWithSubject(CA, "O=Acme,CN=device-1").certificate()))
                .contains("device-1");
    }

    @Test
    void firstCnInTheEncodedSubjectWinsLikeMosquitto() {
        assertThat(ClientCertificates.commonName(TestPki.clientWithSubject(CA, "CN=first,CN=second").certificate()))
                .contains("first");
    }

    @Test
    void subjectWithoutCnHasNoCommonName() {
        assertThat(ClientCertificates.commonName(TestPki.clientWithSubject(CA, "O=Acme,OU=Devices").certificate()))
                .isEmpty();
    }

    @Test
    void specialCharactersComeThroughUnescaped() {
        // RFC 4514 escaping is for printing names, not for the value the policy compares.
        assertThat(ClientCertificates.commonName(TestPki.clientWithSubject(CA, "CN=a\\,b\\+c/d").certificate()))
                .contains("a,b+c/d");
    }
}
