/**
 * The AST builder, split by area (statements, who-expressions, topics, options, string literals):
 * turns one statement's parse tree into AST records and reports its semantic errors. Internal to
 * the parser.
 */
package io.topicguard.dsl.build;
