/**
 * topicguard inside HiveMQ: the extension that enforces a topicguard policy and authentication
 * chain in HiveMQ CE and Enterprise (docs/hivemq.md). {@link io.topicguard.hivemq.TopicguardExtension}
 * is what HiveMQ starts; everything else is package-private.
 */
@NullMarked
package io.topicguard.hivemq;

import org.jspecify.annotations.NullMarked;
