package io.dealadvisor.ops;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Hands back to the system, every {@code deal-advisor.memory.trim-every} (1 s), the memory the C library's malloc
 * keeps after the JVM freed it: the JVM's own {@code System.trim_native_heap} command ({@code malloc_trim}), as
 * {@code -XX:TrimNativeHeapInterval} does, but without a flag that a plain {@code java -jar} would need. Under load
 * the JIT compilers and the drivers free tens of MB that glibc otherwise keeps in its arenas: 45 MB of RSS at
 * -Xmx128m, for about 2 ms a trim on this thread (docs/benchmarks.md). Where the command does nothing (a C library
 * other than glibc) it is harmless; where the JVM lacks it, the first failure switches the trim off.
 */
@ApplicationScoped
public class NativeMemoryTrim {

    private static final Logger LOG = Logger.getLogger(NativeMemoryTrim.class);
    private static final String[] NO_ARGUMENTS = new String[0];

    private volatile boolean available = true;

    /** False once the JVM turned the command down: nothing is trimmed any more. */
    boolean available() {
        return available;
    }

    @Scheduled(identity = "native-memory-trim", every = "${deal-advisor.memory.trim-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void trim() {
        if (!available) {
            return;
        }
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            server.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "systemTrimNativeHeap",
                    new Object[]{NO_ARGUMENTS}, new String[]{String[].class.getName()});
        } catch (JMException | RuntimeException e) {
            available = false;
            LOG.infof("This JVM cannot trim its native heap (%s); memory the C library keeps stays resident", e);
        }
    }
}
