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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Reloads the rules when analysts edit them: any file added, changed, removed or renamed anywhere under the
 * rules folder (so editors that save by rename and Kubernetes ConfigMap updates count), after a quiet
 * period. It compiles on its own thread, never on a request's.
 */
@ApplicationScoped
public class RulesWatcher {

    private static final Logger LOG = Logger.getLogger(RulesWatcher.class);

    private final RulesetRegistry registry;
    private final DealAdvisorConfig config;
    private WatchService watchService;
    private volatile boolean stopping;

    public RulesWatcher(RulesetRegistry registry, DealAdvisorConfig config) {
        this.registry = registry;
        this.config = config;
    }

    /** Starts after the registry has loaded the first ruleset (a lower priority number observes first). */
    void onStart(@Observes @Priority(2000) StartupEvent start) throws IOException {
        if (!config.rules().watch()) {
            return;
        }
        watchService = FileSystems.getDefault().newWatchService();
        registerTree(registry.directory().toRealPath());
        Thread thread = new Thread(this::watch, "rules-watcher");
        thread.setDaemon(true);
        thread.start();
        LOG.infof("Watching %s for rule changes", registry.directory().toAbsolutePath());
    }

    void onStop(@Observes ShutdownEvent stop) throws IOException {
        stopping = true;
        if (watchService != null) {
            watchService.close();
        }
    }

    private void watch() {
        long quietMillis = config.rules().debounce().toMillis();
        try {
            while (true) {
                drain(watchService.take());
                // Keep collecting until the folder has been quiet for a while: one reload per burst of saves.
                WatchKey next;
                while ((next = watchService.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                if (stopping) {
                    return;
                }
                reload();
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchKey key) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path created = folder.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    registerTree(created);
                }
            }
        }
        key.reset();
    }

    private void reload() {
        try {
            registry.reload();
        } catch (RulesetRejectedException refused) {
            // the registry has logged it and keeps it for GET /v1/ruleset
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // a rule that breaks the compiler must not stop the watcher: later edits can still fix it
            LOG.error("Reloading the rules failed unexpectedly; the previous ruleset is still serving", e);
        }
    }

    private void registerTree(Path root) {
        try (Stream<Path> folders = Files.walk(root)) {
            folders.filter(Files::isDirectory).forEach(folder -> {
                try {
                    folder.register(watchService, StandardWatchEventKinds.ENTRY_CREATE,
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
