package io.dealadvisor;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The configuration keys of SPEC.md section 8 that this service reads. */
@ConfigMapping(prefix = "deal-advisor")
public interface DealAdvisorConfig {

    Rules rules();

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
    }
}
