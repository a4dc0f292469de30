package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import io.topicguard.auth.chain.AuthenticationChain;
import io.topicguard.auth.chain.Authenticator;
import io.topicguard.auth.reload.Reloader;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What HiveMQ starts: reads {@code topicguard.yaml} from the extension's folder and registers
 * the authenticator, the authorizer, the delivery check and the client lifecycle listener
 * (docs/hivemq.md). A missing or invalid file is logged with every located problem and the
 * extension does not start: HiveMQ then admits no client, having no authenticator.
 */
public final class TopicguardExtension implements ExtensionMain {

    private static final Logger LOG = LoggerFactory.getLogger(TopicguardExtension.class);

    /** Threads walking the authentication chain at once, and walks that may wait for one. */
    private static final int CHAIN_WORKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final int CHAIN_QUEUE = 1000;

    private final @Nullable Path configFile;
    private @Nullable Running running;

    /** HiveMQ's way: the configuration is {@code topicguard.yaml} in the extension's folder. */
    public TopicguardExtension() {
        this(null);
    }

    /** With the configuration file given (tests run the extension embedded, without a folder of its own). */
    TopicguardExtension(@Nullable Path configFile) {
        this.configFile = configFile;
    }

    /** What a started extension holds, so {@link #extensionStop} can let it go. */
    private record Running(Enforcement enforcement, AuthenticationChain chain, Reloader reloader, @Nullable MetricsEndpoint metrics)
            implements AutoCloseable {
        @Override
        public void close() {
            reloader.close();
            if (metrics != null) {
                metrics.close();
            }
            chain.close();
        }
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        Path file = configFile != null ? configFile
                : input.getExtensionInformation().getExtensionHomeFolder().toPath().resolve(ExtensionSettings.FILE_NAME);
        ExtensionSettings settings;
        try {
            settings = ExtensionSettings.load(file);
        } catch (ExtensionSettings.Invalid e) {
            e.problems().forEach(problem -> LOG.error("topicguard: {}", problem));
            output.preventExtensionStartup("topicguard: " + file + " is missing or invalid (see the errors above); no client is admitted");
            return;
        }
        for (String key : settings.ignoredKeys()) {
            LOG.warn("topicguard: {}: '{}' is ignored inside HiveMQ, which configures it itself", file, key);
        }
        Enforcement enforcement = new Enforcement(settings.policy(), new Denials());
        MetricsEndpoint metrics = null;
        if (settings.configuration().metrics() != null) {
            try {
                metrics = MetricsEndpoint.start(settings.configuration().metrics(), enforcement.counts());
            } catch (IOException e) {
                LOG.error("topicguard: {}: cannot serve metrics on {}:{}: {}", file, settings.configuration().metrics().bind(),
                        settings.configuration().metrics().port(), e.toString());
                settings.authenticators().forEach(Authenticator::close);
                output.preventExtensionStartup("topicguard: cannot serve metrics (see the error above); no client is admitted");
                return;
            }
        }
        AuthenticationChain chain = new AuthenticationChain(settings.authenticators(), CHAIN_WORKERS, CHAIN_QUEUE);
        // Reload as topicguard's broker does: the policy, its includes and the chain's password files are watched.
        Evictions evictions = new Evictions(enforcement);
        Reloader reloader = Reloader.builder()
                .policy(settings.source(), settings.policy())
                .passwordFiles(chain)
                .onPolicySwapped(policy -> enforcement.swap(policy, evictions::refused))
                .onRevoked(evictions::revoked)
                .build();
        try {
            reloader.watch(Reloader.DEFAULT_QUIET);
        } catch (IOException e) {
            LOG.warn("topicguard: cannot watch {} for changes ({}); edits take effect when HiveMQ restarts the extension",
                    reloader.watchedFiles(), e.toString());
        }
        running = new Running(enforcement, chain, reloader, metrics);

        PolicyAuthenticator authenticator = new PolicyAuthenticator(enforcement, chain);
        PolicyAuthorizer authorizer = new PolicyAuthorizer(enforcement);
        DeliveryCheck deliveryCheck = new DeliveryCheck(enforcement);
        SubscriptionTracker subscriptionTracker = new SubscriptionTracker(enforcement);
        ClientLifecycle lifecycle = new ClientLifecycle(enforcement);
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> authorizer);
        Services.initializerRegistry().setClientInitializer((initializerInput, context) -> {
            context.addPublishOutboundInterceptor(deliveryCheck);
            context.addUnsubscribeInboundInterceptor(subscriptionTracker);
        });
        Services.eventRegistry().setClientLifecycleEventListener(providerInput -> lifecycle);
        LOG.info("topicguard: enforcing {} ({} rules) with {} authenticator(s)", settings.policy().files().get(0).displayName(),
                settings.policy().ruleCount(), settings.authenticators().size());
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        Running r = running;
        running = null;
        if (r != null) {
            r.close();
        }
    }
}
