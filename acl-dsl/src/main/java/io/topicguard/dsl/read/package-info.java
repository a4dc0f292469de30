/**
 * Reading a whole policy: loading files (UTF-8, not found vs permission denied vs directory),
 * expanding includes in place with cycle detection, settings given twice. Internal to the parser.
 */
package io.topicguard.dsl.read;
