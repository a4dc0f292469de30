/**
 * The policy as data: immutable records for statements, who-expressions and topics, each statement
 * with its source position and text. No ANTLR types, no evaluation.
 */
@NullMarked
package io.topicguard.dsl.ast;

import org.jspecify.annotations.NullMarked;
