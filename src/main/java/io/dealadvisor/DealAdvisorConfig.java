package io.dealadvisor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** The service's own configuration keys (docs/configuration.md lists them all). */
@ConfigMapping(prefix = "deal-advisor")
public interface DealAdvisorConfig {

    Rules rules();

    Limits limits();

    DecisionLog decisionLog();

    Log log();

    Bench bench();

    Shadow shadow();

    Events events();

    Memory memory();

    /** What the process keeps resident beyond the Java heap. */
    interface Memory {
        /**
         * How often the memory the C library keeps after the JVM freed it goes back to the system
         * (io.dealadvisor.ops.NativeMemoryTrim); {@code off} stops it.
         */
        @WithDefault("1s")
        String trimEvery();
    }

    /** Decision events on Kafka and deals from it (io.dealadvisor.events); off without bootstrap servers. */
    interface Events {
        Kafka kafka();

        /** The topics are {@code <prefix>.decisions}, {@code .outcomes}, {@code .revisits}, {@code .deals}. */
        @WithDefault("deal-advisor")
        String topicPrefix();

        interface Kafka {
            /** The brokers, {@code host:port,...}; absent: events off, nothing connects to Kafka. */
            java.util.Optional<String> bootstrapServers();
        }
    }

    /** A candidate rules folder decided beside the live one on real traffic, off the request path. */
    interface Shadow {
        /** The candidate rules folder; absent: no shadow. */
        java.util.Optional<String> dir();

        /** Comparisons waiting for the candidate; when full, a comparison is skipped and counted. */
        @WithDefault("10000")
        int queue();
    }

    interface DecisionLog {
        /**
         * One log line per decision: deal id, advice, truths, ruleset version, duration. Off unless asked for: the
         * decision records are the audit, and a line per decision costs a high-volume service throughput.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface Log {
        /** One JSON object per console line, with the MDC (the decision fields) as fields. */
        @WithDefault("false")
        boolean json();
    }

    interface Bench {
        /** Adds POST /bench/constant, the HTTP ceiling the benchmarks compare the qualification endpoint with. */
        @WithDefault("false")
        boolean enabled();
    }

    /** Bounds on what one request may hold; each rejection is a problem document naming the limit. */
    interface Limits {
        /** Bytes in one request body; larger bodies get a 413 problem. */
        @WithDefault("4M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** The same limit as written in the configuration, for messages. */
        @WithName("max-body-size")
        @WithDefault("4M")
        String maxBodySizeText();

        /** Deals in one batch. */
        @WithDefault("1000")
        int maxBatch();

        /** Threads deciding the deals of batches, shared by every batch in flight; 0 means one per core. */
        @WithDefault("0")
        int batchThreads();

        /** Entries in each of a deal's lists (milestones, competitors, incidents). */
        @WithDefault("100")
        int maxListSize();

        /** Characters in any one JSON string. */
        @WithDefault("10000")
        int maxStringLength();

        /** Depth of nested JSON objects and arrays. */
        @WithDefault("32")
        int maxNestingDepth();

        /**
         * Requests of one caller whose bodies may be arriving at once; more get 429, so that slow senders cannot hold
         * every request thread.
         */
        @WithDefault("50")
        int maxUploadsPerCaller();
    }

    interface Rules {
        /** The rules folder, relative to the working directory or absolute. */
        @WithDefault("rules")
        String dir();

        /** Rule firings allowed in one evaluation; more means a rule keeps re-activating itself. */
        @WithDefault("10000")
        int maxFirings();

        /** Reload by itself when a file in the rules folder changes. */
        @WithDefault("true")
        boolean watch();

        /** Quiet time after the last change before reloading, so a save of several files reloads once. */
        @WithDefault("500ms")
        java.time.Duration debounce();

        /**
         * The processor time a reload's validation may use (not the wall clock, which a busy machine stretches)
         * before the reload is refused, naming the rule running.
         */
        @WithDefault("10s")
        java.time.Duration validationTimeout();
    }
}
