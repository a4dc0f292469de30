package io.topicguard.hivemq;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;

/**
 * Forgets a client when its connection ends and HiveMQ forgets its session (session expiry 0);
 * a client with a persistent session keeps its recorded subscriptions for when it comes back.
 */
final class ClientLifecycle implements ClientLifecycleEventListener {

    private final Enforcement enforcement;

    ClientLifecycle(Enforcement enforcement) {
        this.enforcement = enforcement;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        input.getConnectionInformation().getConnectionAttributeStore().getAsString(PolicyAuthenticator.CONNECTION_KEY)
                .ifPresent(connection -> enforcement.disconnected(input.getClientInformation().getClientId(), Long.parseLong(connection)));
    }
}
