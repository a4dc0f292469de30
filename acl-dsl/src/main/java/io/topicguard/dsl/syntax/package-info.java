/**
 * From text to parse trees one statement at a time: the splitter cuts the token stream at statement
 * keywords, the parser parses each piece (SLL, then LL on failure) and words the first syntax error
 * of a broken statement. Internal to the parser.
 */
package io.topicguard.dsl.syntax;
