package io.topicguard.cli;

import io.topicguard.auth.config.ConfigException;
import io.topicguard.auth.config.ConfigProblem;
import io.topicguard.auth.config.Configuration;
import io.topicguard.auth.config.ConfigurationLoader;

import java.io.PrintWriter;
import java.nio.file.Path;

/** Reading a configuration file for a command, every problem printed as {@code FILE:LINE:COL: error: ...} (docs/configuration.md). */
final class ConfigFiles {

    private ConfigFiles() {
    }

    /** The configuration in {@code file}, or null once every problem found in it is printed to {@code err}. */
    static Configuration load(Path file, PrintWriter err) {
        try {
            return ConfigurationLoader.load(file);
        } catch (ConfigException e) {
            for (ConfigProblem problem : e.problems()) {
                err.println(problem);
            }
            err.flush();
            return null;
        }
    }
}
