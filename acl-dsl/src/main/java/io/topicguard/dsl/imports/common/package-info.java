/**
 * What both importers share: reading a foreign file, collecting located errors and warnings, and
 * wording ANTLR's syntax errors.
 */
package io.topicguard.dsl.imports.common;
