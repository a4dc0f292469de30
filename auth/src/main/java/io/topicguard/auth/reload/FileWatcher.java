package io.topicguard.auth.reload;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Watches files through their parent directories ({@link WatchService}), so that both editors
 * that write in place (MODIFY) and editors that write a new file and rename it over the old one
 * (CREATE of the name; the old inode is gone) are noticed. A burst of events is debounced: the
 * callback runs once the watched names have been quiet for {@code quiet} (at most {@code 10 x
 * quiet} after the first event, so a file written continuously is still picked up). The callback
 * runs on the watcher's own thread, never a network event loop.
 */
final class FileWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FileWatcher.class);

    private final WatchService service;
    private final Duration quiet;
    private final Runnable onChange;
    private final Map<WatchKey, Path> directories = new HashMap<>();
    private volatile Set<Path> files = Set.of();
    private final Thread thread;

    /**
     * @throws IOException when the platform offers no file watching
     */
    FileWatcher(Duration quiet, Runnable onChange) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.quiet = quiet;
        this.onChange = onChange;
        this.thread = new Thread(this::run, "topicguard-reload-watch");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Watches exactly {@code watched} from now on (directories already watched stay registered). */
    synchronized void watch(Collection<Path> watched) {
        Set<Path> next = new HashSet<>();
        for (Path p : watched) {
            Path file = p.toAbsolutePath().normalize();
            next.add(file);
            Path dir = file.getParent();
            if (dir != null && !directories.containsValue(dir)) {
                try {
                    WatchKey key = dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
                    directories.put(key, dir);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("cannot watch {} for changes of {} ({}); SIGHUP still reloads", dir, file.getFileName(), e.toString());
                }
            }
        }
        files = Set.copyOf(next);
    }

    /** The files watched now. */
    Set<Path> files() {
        return files;
    }

    private void run() {
        try {
            while (true) {
                if (!relevant(service.take())) {
                    continue;
                }
                long deadline = System.nanoTime() + quiet.toNanos() * 10;
                WatchKey next;
                while ((next = service.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null && System.nanoTime() < deadline) {
                    relevant(next);
                }
                if (next != null) {
                    relevant(next);
                }
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    // One failed reload must not end watching: the next edit may well be fine.
                    LOG.error("reload after a file change failed", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed: stop watching
        } catch (RuntimeException e) {
            LOG.error("file watcher stopped; SIGHUP still reloads", e);
        }
    }

    /** Consumes the key's events and says whether one concerned a watched file. */
    private boolean relevant(WatchKey key) {
        Path dir;
        synchronized (this) {
            dir = directories.get(key);
        }
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                relevant = true; // events were lost: assume ours were among them
            } else if (dir != null && event.context() instanceof Path name && files.contains(dir.resolve(name))) {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service: {}", e.toString());
        }
        thread.interrupt();
    }
}
