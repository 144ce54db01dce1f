package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
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
        Set<WatchKey> keys = new HashSet<>(); // the watch loop's own
        Identity identity = Identity.of(folder);
        if (identity != null) {
            registerTree(service, identity.real(), keys);
        }
        Thread thread = new Thread(() -> watchLoop(folder, identity, service, keys, reload), name);
        thread.setDaemon(true);
        thread.start();
        LOG.infof(identity == null ? "Waiting for %s to appear, to watch it for rule changes" : "Watching %s for rule"
                + " changes", folder.toAbsolutePath());
    }

    /** Which folder a path leads to: its real path and file key (device and inode); null while there is none. */
    private record Identity(Path real, Object key) {
        static Identity of(Path folder) {
            try {
                Path real = folder.toRealPath();
                BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
                return attributes.isDirectory() ? new Identity(real, attributes.fileKey()) : null;
            } catch (IOException gone) {
                return null;
            }
        }
    }

    /**
     * Waits for changes and reloads after each burst of them. A folder removed or replaced as a whole (a checkout, an
     * archive unpacked in its place, a copy moved over it) sends no event from the folder that now stands there: so
     * at least once a second the path is checked to lead to the folder watched; a new one is watched instead of the
     * old one and loaded once quiet. A folder gone is reloaded once, which refuses it for all to see, and then left
     * until it is back.
     */
    private void watchLoop(Path folder, Identity first, WatchService service, Set<WatchKey> keys, Runnable reload) {
        long quietMillis = config.rules().debounce().toMillis();
        Identity watched = first;
        try {
            while (true) {
                WatchKey key = service.poll(1, TimeUnit.SECONDS);
                if (key != null) {
                    drain(service, key, keys);
                }
                Identity now = Identity.of(folder);
                boolean moved = !Objects.equals(now, watched);
                if (key == null && !moved) {
                    continue;
                }
                if (moved) {
                    keys.forEach(WatchKey::cancel);
                    keys.clear();
                    if (now == null) {
                        LOG.warnf("%s is gone: it is watched again once it is back", folder.toAbsolutePath());
                    } else {
                        registerTree(service, now.real(), keys);
                        LOG.infof(watched == null ? "%s appeared: watching it" : "%s was replaced: watching the new one",
                                folder.toAbsolutePath());
                    }
                    watched = now;
                }
                if (now != null) {
                    // Keep collecting until the folder has been quiet for a while: one reload per burst of saves,
                    // and a folder still being copied in is loaded once it is whole.
                    WatchKey next;
                    while ((next = service.poll(quietMillis, TimeUnit.MILLISECONDS)) != null) {
                        drain(service, next, keys);
                    }
                } else if (!moved) {
                    continue; // events of the folder that went: said once, when it went
                }
                if (stopping) {
                    return;
                }
                try {
                    reload.run(); // a folder that is gone is refused, which GET /v1/ruleset and readiness show
                } catch (Throwable e) {
                    // Nothing may end this thread, not even the heap running out on a huge rules file: later edits
                    // must still be loaded. The slot records a load that failed so for GET /v1/ruleset.
                    LOG.error("Reloading the rules failed unexpectedly; the previous ruleset is still serving", e);
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain(WatchService service, WatchKey key, Set<WatchKey> keys) {
        Path folder = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                Path created = folder.resolve((Path) event.context());
                if (Files.isDirectory(created)) {
                    registerTree(service, created, keys);
                }
            }
        }
        if (!key.reset()) {
            keys.remove(key);
        }
    }

    private void registerTree(WatchService service, Path root, Set<WatchKey> keys) {
        try (Stream<Path> folders = Files.walk(root)) {
            folders.filter(Files::isDirectory).forEach(folder -> {
                try {
                    keys.add(folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
                } catch (IOException e) {
                    LOG.warnf("Cannot watch %s: %s", folder, e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("Cannot watch %s: %s", root, e.getMessage());
        }
    }
}
