/**
 * The HTTP decision service ({@code topicguard authz-server}, docs/integrations.md): topicguard's
 * policy and authentication chain answering the HTTP contracts EMQX 5, mosquitto-go-auth and
 * VerneMQ already speak. {@link io.topicguard.authz.AuthzServer} is the API; the endpoints, the
 * request parsing and the denial log are package-private.
 */
@NullMarked
package io.topicguard.authz;

import org.jspecify.annotations.NullMarked;
