/**
 * Reading foreign rule files (mosquitto's acl_file, EMQX's acl.conf) into the native
 * {@link io.topicguard.dsl.ast.PolicyAst}, and writing any policy back as native text.
 *
 * <p>The entry points are {@link io.topicguard.dsl.imports.PolicyImporter} (any
 * {@link io.topicguard.dsl.PolicyFormat}, never throws, located diagnostics plus warnings where the
 * source broker would decide differently) and {@link io.topicguard.dsl.imports.NativePrinter}.
 * Each format has its own subpackage; the semantics kept and the differences are in
 * docs/migration.md.
 */
@NullMarked
package io.topicguard.dsl.imports;

import org.jspecify.annotations.NullMarked;
