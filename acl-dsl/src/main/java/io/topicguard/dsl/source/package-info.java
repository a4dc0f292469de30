/**
 * The text of a policy file and the collection of located diagnostics across all files of a parse.
 */
package io.topicguard.dsl.source;
