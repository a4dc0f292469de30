package io.topicguard.dsl.read;

import io.topicguard.dsl.check.Clip;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where an {@code include} leads (relative to the including file, docs/language.md), how it is shown in
 * positions, and the chain of files being read, to report cycles with the whole chain.
 */
final class Includes {

    /** Far deeper than any real layout; stops a generated chain from exhausting the stack. */
    static final int MAX_DEPTH = 32;

    sealed interface Resolved {
    }

    /**
     * @param path    where to read
     * @param display the name shown in positions: the including file's shown directory joined with
     *                the include path, so messages read like the command line the user typed
     */
    record Target(Path path, String display) implements Resolved {
    }

    record Refused(String message, String hint) implements Resolved {
    }

    private record Frame(Path identity, String display) {
    }

    private final Deque<Frame> chain = new ArrayDeque<>();

    /**
     * @param directory      the directory of the including file, or null when includes are not possible
     * @param includingShown the including file's shown name
     */
    Resolved resolve(String include, Path directory, String includingShown) {
        if (directory == null) {
            return new Refused("'include' is not possible here: the policy was given as text, without a directory to resolve \""
                    + Clip.of(include) + "\" against", "load the policy from a file");
        }
        if (include.isEmpty()) {
            return new Refused("'include' needs a file name", "e.g. include \"tenants/acme.acl\"");
        }
        Path relative;
        try {
            relative = Path.of(include);
        } catch (InvalidPathException e) {
            return new Refused("cannot include \"" + Clip.of(include) + "\": not a valid path (" + e.getReason() + ")", null);
        }
        Path path = directory.resolve(relative);
        return new Target(path, display(relative, includingShown));
    }

    private static String display(Path relative, String includingShown) {
        if (relative.isAbsolute()) {
            return relative.toString();
        }
        try {
            Path parent = Path.of(includingShown).getParent();
            return parent == null ? relative.normalize().toString() : parent.resolve(relative).normalize().toString();
        } catch (InvalidPathException e) {
            return relative.toString();
        }
    }

    /** The same file however it is reached (symbolic links, {@code ..}), for cycle detection. */
    static Path identity(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException | SecurityException e) {
            return path.toAbsolutePath().normalize();
        }
    }

    void enter(Path identity, String display) {
        chain.addLast(new Frame(identity, display));
    }

    void leave() {
        chain.removeLast();
    }

    int depth() {
        return chain.size();
    }

    /** The chain {@code a.acl -> b.acl -> a.acl} when {@code identity} is already being read, else null. */
    String cycle(Path identity, String display) {
        List<String> names = new ArrayList<>();
        boolean inCycle = false;
        for (Frame frame : chain) {
            inCycle |= frame.identity().equals(identity);
            if (inCycle) {
                names.add(frame.display());
            }
        }
        if (!inCycle) {
            return null;
        }
        names.add(display);
        return String.join(" -> ", names);
    }
}
