package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reloads the rules when analysts edit them: any file added, changed, removed or renamed anywhere under the
 * live rules folder, or under the shadow candidate's (so editors that save by rename and Kubernetes ConfigMap
 * updates count), after a quiet period. It compiles on its own thread, never on a request's.
 */
@ApplicationScoped
public class RulesWatcher {

    private static final Logger LOG = Logger.getLogger(RulesWatcher.class);

    private final RulesetRegistry registry;
    private final CandidateRegistry candidate;
    private final DealAdvisorConfig config;
    private final List<WatchService> services = new ArrayList<>();
    private volatile boolean stopping;

    public RulesWatcher(RulesetRegistry registry, CandidateRegistry candidate, DealAdvisorConfig config) {
        this.registry = registry;
        this.candidate = candidate;
        this.config = config;
    }

    /** Starts after the rules have loaded for the first time (a lower priority number observes first). */
    void onStart(@Observes @Priority(2000) StartupEvent start) throws IOException {
        if (!config.rules().watch()) {
            return;
        }
        watch("rules-watcher", registry.directory(), () -> {
            try {
                registry.reload();
            } catch (RulesetRejectedException refused) {
                // the registry has logged it and keeps it for GET /v1/ruleset
            }
        });
        if (candidate.slot().isPresent()) { // watched even before it exists: it is loaded once it does
            watch("shadow-watcher", candidate.slot().get().directory(), candidate::reload);
        }
    }

    void onStop(@Observes ShutdownEvent stop) throws IOException {
        stopping = true;
        for (WatchService service : services) {
            service.close();
        }
    }

    private void watch(String name, Path folder, Runnable reload) throws IOException {
        WatchService service = FileSystems.getDefault().newWatchService();
        services.add(service);
        Path real = Files.isDirectory(folder) ? folder.toRealPath() : null;
        if (real != null) {
            registerTree(service, real);
        }
        Thread thread = new Thread(() -> watchLoop(folder, real, service, reload), name);
        thread.setDaemon(true);
        thread.start();
        LOG.infof(real == null ? "Waiting for %s to appear, to watch it for rule changes" : "Watching %s for rule"
                + " changes", folder.toAbsolutePath());
    }

    /**
     * Waits for changes and reloads after each burst of them. A folder removed or replaced as a whole (a checkout, an
     * archive unpacked in its place, a copy moved over it) sends no event from the folder that now stands there: so
     * once a second the folder's path is checked to lead to the folder watched, and a new one is watched and loaded.
     */
    private void watchLoop(Path folder, Path real, WatchService service, Runnable reload) {
        long quietMillis = config.rules().debounce().toMillis();
        try {
            Object watched = real == null ? null : identity(real);
            while (true) {
                WatchKey key = service.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    drain(service, key);
                } else {
                    Object now = Files.isDirectory(folder) ? identity(folder.toRealPath()) : null;
                    if (Objects.equals(now, watched)) {
                        continue;
                    }
                    if (now == null) {
                        LOG.warnf("%s is gone: it is watched again once it is back", folder.toAbsolutePath());
                    } else {
                        registerTree(service, folder.toRealPath());
                        LOG.infof("%s was replaced: watching the new one", folder.toAbsolutePath());
                    }
                    watched = now;
                }
                // Keep collecting until the folder has been quiet for a while: one reload per burst of saves.
                WatchKey next;
                while ((next = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(service, next);
                }
                if (stopping) {
                    return;
                }
                try {
                    reload.run();
                } catch (RuntimeException | LinkageError | StackOverflowError e) {
                    // a rule that breaks the compiler must not stop the watcher: later edits can still fix it
                    LOG.error("Reloading the rules failed unexpectedly; the previous ruleset is still serving", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.errorf("Cannot watch %s any more, so edits are not picked up until a reload is asked for or the"
                    + " service restarts: %s", folder.toAbsolutePath(), e.getMessage());
        }
    }

    /** Which folder a path is: its file key (device and inode) where the file system has one. */
    private static Object identity(Path real) throws IOException {
        Object key = Files.readAttributes(real, BasicFileAttributes.class).fileKey();
        return key != null ? key : real;
    }

    private void drain(WatchService service, WatchKey key) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path created = folder.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    registerTree(service, created);
                }
            }
        }
        key.reset();
    }

    private void registerTree(WatchService service, Path root) {
        try (Stream<Path> folders = Files.walk(root)) {
            folders.filter(Files::isDirectory).forEach(folder -> {
                try {
                    folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
                } catch (IOException e) {
                    LOG.warnf("Cannot watch %s: %s", folder, e.getMessage());
                }
            });
        } catch (IOException e) {
            LOG.warnf("Cannot watch %s: %s", root, e.getMessage());
        }
    }
}
