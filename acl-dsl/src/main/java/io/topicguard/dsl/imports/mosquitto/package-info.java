/**
 * Imports mosquitto's acl_file: the grammar {@code MosquittoAcl.g4} reads lines of words,
 * {@link io.topicguard.dsl.imports.mosquitto.MosquittoLines} reads them as mosquitto does, and
 * {@link io.topicguard.dsl.imports.mosquitto.MosquittoTranslation} orders them into first-match rules.
 */
package io.topicguard.dsl.imports.mosquitto;
