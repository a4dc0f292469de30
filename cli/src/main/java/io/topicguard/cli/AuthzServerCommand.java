package io.topicguard.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code topicguard authz-server --config FILE}: the HTTP decision service for EMQX,
 * mosquitto-go-auth and VerneMQ (docs/integrations.md). Starting it is
 * {@link AuthzServerLauncher}'s job, so this class (which picocli inspects whenever any command
 * runs) names no Netty type.
 */
@Command(name = "authz-server", mixinStandardHelpOptions = true,
        description = "Answer EMQX, mosquitto-go-auth and VerneMQ over HTTP from the policy and the authentication chain.")
public final class AuthzServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The configuration file (policy, authentication, http, metrics); see docs/integrations.md.")
    Path config;

    @Option(names = "--check", description = "Load and check everything (policy, password files, keys, TLS files), then exit 0 or 2 without listening.")
    boolean check;

    @Override
    public Integer call() {
        return new AuthzServerLauncher(config, check, spec.commandLine().getErr()).run();
    }
}
