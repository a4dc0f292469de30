/**
 * The policy as data: immutable records for statements, who-expressions and topics, each statement
 * with its source position and text. No ANTLR types, no evaluation.
 */
package io.topicguard.dsl.ast;
