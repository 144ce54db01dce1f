package io.dealadvisor.ops;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeMemoryTrimTest {

    /** The JVM the service runs on has the command the trim invokes: a wrong name would switch trimming off. */
    @Test
    void theJvmTrimsItsNativeHeapOnRequest() {
        NativeMemoryTrim trim = new NativeMemoryTrim();
        trim.trim();
        trim.trim();
        assertTrue(trim.available(), "the trim was switched off: the JVM refused System.trim_native_heap");
    }
}
