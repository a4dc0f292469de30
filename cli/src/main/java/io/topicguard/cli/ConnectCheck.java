package io.topicguard.cli;

import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.AuthenticatorSetupException;
import io.topicguard.auth.chain.Authenticators;
import io.topicguard.auth.chain.ConnectCredentials;
import io.topicguard.auth.config.Configuration;
import io.topicguard.engine.ClientInfo;
import io.topicguard.engine.Policy;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Clock;
import java.util.Arrays;

/**
 * {@code topicguard check --config FILE --connect [--password-stdin] [--explain]}: builds the
 * configuration's authentication chain, walks it for one client on this thread, and prints the
 * verdict, with {@code --explain} each step (answer, cause, latency) and the policy's connect
 * decision (docs/authentication.md, "Asking the chain").
 */
final class ConnectCheck {

    /** The peer address the chain sees when {@code --ip} is not given: a client on this machine. */
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final Configuration config;
    private final ClientInfo client;
    private final PrintWriter out;
    private final PrintWriter err;

    ConnectCheck(Configuration config, ClientInfo client, PrintWriter out, PrintWriter err) {
        this.config = config;
        this.client = client;
        this.out = out;
        this.err = err;
    }

    /** The listener a client is taken to come in on when {@code --listener} is not given: the file's first, or {@code tcp}. */
    static String defaultListener(Configuration config) {
        return config.listeners().isEmpty() ? "tcp" : config.listeners().get(0).name();
    }

    /**
     * Decides the CONNECT and prints it; the exit status of {@code check} (0 allow, 1 deny, 2 when
     * an authenticator cannot be built).
     *
     * @param password the password field (null: none); wiped when done
     */
    int run(Policy policy, byte[] password, boolean explain) {
        ConnectCredentials credentials = new ConnectCredentials(client.username(), password, client.clientId(),
                client.address() != null ? client.address() : LOOPBACK, client.commonName(), client.listener());
        if (password != null) {
            Arrays.fill(password, (byte) 0);
        }
        // One worker and a queue of one: authenticateNow walks on this thread and never queues.
        try (AuthenticationChain chain = new AuthenticationChain(Authenticators.create(config.authentication(), Clock.systemUTC()), 1, 1)) {
            CheckQuestion question = new CheckQuestion(client, CheckQuestion.Kind.CONNECT, null, 0, false);
            ConnectWalk walk = ConnectWalk.decide(question.ask(policy).decision(), chain, credentials);
            out.println(walk.verdict().word());
            if (explain) {
                walk.lines().forEach(out::println);
                if (walk.policy() != null) {
                    Explanation.lines(question, new CheckQuestion.Answer(walk.policy(), false)).forEach(out::println);
                }
            }
            out.flush();
            return CheckCommand.exitStatus(walk.verdict());
        } catch (AuthenticatorSetupException e) {
            err.println("topicguard check: authentication: " + e.getMessage());
            err.flush();
            return TopicguardCommand.EXIT_USAGE;
        }
    }
}
