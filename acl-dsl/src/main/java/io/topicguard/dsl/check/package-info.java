/**
 * Checks of literals, free of ANTLR: MQTT rule topics and placeholders, RE2 regular expressions, IP
 * address and CIDR literals (never resolved), ISO-8601 instants, did-you-mean suggestions.
 */
package io.topicguard.dsl.check;
