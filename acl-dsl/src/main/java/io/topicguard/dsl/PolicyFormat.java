package io.topicguard.dsl;

import org.jspecify.annotations.Nullable;

import java.nio.file.Path;
import java.util.Locale;

/**
 * The rule file formats topicguard reads: its own policy language and, through
 * {@link io.topicguard.dsl.imports.PolicyImporter}, the ACL files of mosquitto and EMQX.
 *
 * <p>A format named on the command line ({@code --policy-format}) always wins; without one,
 * {@link #forFile(Path)} picks it from the file name by rules that never overlap:
 * <ul>
 *   <li>{@code *.acl} → {@link #NATIVE} (topicguard's own extension, whatever the rest of the name);</li>
 *   <li>{@code *.conf} → {@link #EMQX} (EMQX ships {@code etc/acl.conf});</li>
 *   <li>{@code *.aclfile}, or a name containing {@code mosquitto} or equal to {@code acl_file} →
 *       {@link #MOSQUITTO} (mosquitto has no fixed extension);</li>
 *   <li>anything else → {@link #NATIVE}.</li>
 * </ul>
 */
public enum PolicyFormat {
    NATIVE, MOSQUITTO, EMQX;

    /** The name used on the command line: {@code native}, {@code mosquitto}, {@code emqx}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The format called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static PolicyFormat fromName(@Nullable String name) {
        if (name != null) {
            for (PolicyFormat format : values()) {
                if (format.cliName().equalsIgnoreCase(name.trim())) {
                    return format;
                }
            }
        }
        throw new IllegalArgumentException("unknown policy format '" + name + "'; expected native, mosquitto or emqx");
    }

    /** The format a file's name suggests (see the class comment); never null. */
    public static PolicyFormat forFile(@Nullable Path file) {
        Path fileName = file == null ? null : file.getFileName();
        if (fileName == null) {
            return NATIVE;
        }
        String name = fileName.toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".acl")) {
            return NATIVE;
        }
        if (name.endsWith(".conf")) {
            return EMQX;
        }
        if (name.endsWith(".aclfile") || name.contains("mosquitto") || name.equals("acl_file")) {
            return MOSQUITTO;
        }
        return NATIVE;
    }
}
