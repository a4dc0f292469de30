package io.topicguard.cli;

import io.topicguard.auth.config.Configuration;
import io.topicguard.dsl.PolicyFormat;
import io.topicguard.engine.ClientRules;
import io.topicguard.engine.Policy;
import io.topicguard.engine.Verdict;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/**
 * {@code topicguard check} (docs/cli.md): asks a policy one question, or one per line of JSON on
 * standard input with {@code --batch}, without starting a broker.
 */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Ask a policy whether a client may connect, publish or subscribe.",
                "Prints allow, deny or partial on the first line; --explain adds the reason, file:line and statement.",
                "For publish and subscribe the client's connect decision comes first: a client that may not connect is denied with that reason.",
                "With --config FILE and --connect, the configuration's authentication chain is walked too (--explain shows each step).",
                "With --batch, reads JSON Lines queries on standard input and writes one JSON answer line per query."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {
                "0:allow (with --batch: the run completed)",
                "1:deny",
                "3:partial (subscribe only)",
                "2:usage error or policy error (diagnostics on standard error)"})
public final class CheckCommand implements Callable<Integer> {

    static final int EXIT_ALLOW = 0;
    static final int EXIT_DENY = 1;
    static final int EXIT_PARTIAL = 3;

    @Spec
    CommandSpec spec;

    @ParentCommand
    TopicguardCommand parent;

    @Mixin
    PolicyOrConfigOptions policy = new PolicyOrConfigOptions();

    @Mixin
    ClientOptions client = new ClientOptions();

    @Mixin
    ClientRulesOptions clientRules = new ClientRulesOptions();

    @ArgGroup(exclusive = true, multiplicity = "1")
    Question question;

    @Option(names = "--qos", paramLabel = "N", description = "QoS of the publish or subscribe: 0, 1 or 2 (default 0).")
    Integer qos;

    @Option(names = "--retain", description = "The publish sets the retain flag.")
    boolean retain;

    @Option(names = "--explain", description = "After the verdict, print the reason, the deciding file:line and the statement.")
    boolean explain;

    @Option(names = "--password-stdin",
            description = "With --config and --connect: the password is all of standard input, one trailing newline removed.")
    boolean passwordStdin;

    /** Exactly one of these. */
    static final class Question {
        @Option(names = "--connect", required = true, description = "May the client connect?")
        boolean connect;

        @Option(names = "--publish", required = true, paramLabel = "TOPIC", description = "May the client publish to TOPIC?")
        String publish;

        @Option(names = "--subscribe", required = true, paramLabel = "FILTER", description = "May the client subscribe to FILTER?")
        String subscribe;

        @Option(names = "--batch", required = true, description = "Read JSON Lines queries on standard input.")
        boolean batch;
    }

    @Override
    public Integer call() {
        // Usage is checked before the policy is loaded: a typo costs no compile.
        if (question.batch) {
            requireNoneForBatch();
        }
        if (question.batch && clientRules.given()) {
            throw usage("--batch reads every question from standard input; it takes no --client-rules");
        }
        if (policy.file == null && policy.config == null) {
            throw usage(PolicyOrConfigOptions.MISSING);
        }
        if (passwordStdin && (policy.config == null || !question.connect)) {
            throw usage("--password-stdin needs --config and --connect: the password is checked by the configuration's authentication chain");
        }
        ClientRules carried = clientRules.rules();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Configuration config = null;
        if (policy.config != null) {
            config = ConfigFiles.load(policy.config, err);
            if (config == null) {
                return TopicguardCommand.EXIT_USAGE;
            }
        }
        CheckQuestion single = question.batch ? null : singleQuestion(config);
        Policy loaded = loadPolicy(config, err);
        if (loaded == null) {
            return TopicguardCommand.EXIT_USAGE;
        }
        if (single != null && config != null && single.kind() == CheckQuestion.Kind.CONNECT) {
            return new ConnectCheck(config, single.client(), out, err).run(loaded, password(), explain);
        }
        if (single == null) {
            try {
                new BatchRun(loaded, out).run(new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                err.println("topicguard check: cannot read standard input: " + e.getMessage());
                return TopicguardCommand.EXIT_USAGE;
            }
            return EXIT_ALLOW;
        }
        CheckQuestion.Answer answer = single.ask(loaded, carried);
        out.println(answer.decision().verdict().word());
        if (explain) {
            Explanation.lines(single, answer).forEach(out::println);
            String ignored = clientRules.ignoredNote(loaded);
            if (ignored != null) {
                out.println(ignored);
            }
        }
        return exitStatus(answer.decision().verdict());
    }

    static int exitStatus(Verdict verdict) {
        return switch (verdict) {
            case ALLOW -> EXIT_ALLOW;
            case DENY -> EXIT_DENY;
            case PARTIAL -> EXIT_PARTIAL;
        };
    }

    /** The policy of {@code --policy}, or else of the configuration's {@code policy:} key; null once its problems are printed. */
    private Policy loadPolicy(Configuration config, PrintWriter err) {
        if (policy.file != null) {
            return PolicyFiles.load(policy.file, policy.format != null ? policy.format : PolicyFormat.forFile(policy.file), err);
        }
        if (config.policy() == null) {
            throw usage(config.file() + " has no policy: key, so --policy FILE is needed");
        }
        PolicyFormat format = policy.format != null ? policy.format : PolicyFormat.valueOf(config.policy().format().name());
        return PolicyFiles.load(config.policy().file(), format, err);
    }

    /** All of standard input, one trailing newline removed ({@code --password-stdin}); null without the option. */
    private byte[] password() {
        if (!passwordStdin) {
            return null;
        }
        try {
            return PasswordInput.all(parent.stdin());
        } catch (IOException e) {
            throw usage("cannot read the password from standard input: " + e.getMessage());
        } catch (PasswordInput.Refused e) {
            throw usage(e.getMessage());
        }
    }

    private CheckQuestion singleQuestion(Configuration config) {
        CheckQuestion.Kind kind = question.connect ? CheckQuestion.Kind.CONNECT
                : question.publish != null ? CheckQuestion.Kind.PUBLISH : CheckQuestion.Kind.SUBSCRIBE;
        if (kind == CheckQuestion.Kind.CONNECT && qos != null) {
            throw usage("--qos applies only to --publish and --subscribe");
        }
        if (kind != CheckQuestion.Kind.PUBLISH && retain) {
            throw usage("--retain applies only to --publish");
        }
        if (qos != null && (qos < 0 || qos > 2)) {
            throw usage("--qos must be 0, 1 or 2, got " + qos);
        }
        String topic = kind == CheckQuestion.Kind.PUBLISH ? question.publish : question.subscribe;
        // A client always comes in on a listener: with a configuration, the first one unless --listener says otherwise.
        String listener = client.listener == null && config != null ? ConnectCheck.defaultListener(config) : client.listener;
        return new CheckQuestion(client.client(listener), kind, topic, qos == null ? 0 : qos, retain);
    }

    private void requireNoneForBatch() {
        if (client.anyGiven() || qos != null || retain || explain || passwordStdin) {
            throw usage("--batch reads every client and question from standard input;"
                    + " it takes no --username, --clientid, --ip, --cn, --listener, --qos, --retain, --explain or --password-stdin");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
