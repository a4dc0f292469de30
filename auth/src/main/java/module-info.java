/**
 * topicguard's password files: {@code io.topicguard.auth.password} is the whole API. A named
 * module because its only dependency, BouncyCastle's provider, is one.
 */
module io.topicguard.auth {
    requires org.bouncycastle.provider;
    // Annotations only (JSpecify null-ness): needed to compile, not to run.
    requires static org.jspecify;

    exports io.topicguard.auth.password;
}
