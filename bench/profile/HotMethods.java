import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the samples of a JFR recording fall: for each method, the share of CPU samples with it on the stack
 * (inclusive) and at the top (self), converted to microseconds of CPU per request when given the CPU time and
 * the number of requests of the recorded run.
 * Usage: java bench/profile/HotMethods.java RECORDING.jfr CPU_MICROS_PER_REQUEST [ROWS [WITHIN]]
 * where WITHIN keeps only the samples with a method whose name contains it on the stack (shares stay of all).
 */
public class HotMethods {

    public static void main(String[] args) throws Exception {
        double microsPerRequest = Double.parseDouble(args[1]);
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        String within = args.length > 3 ? args[3] : "";
        Map<String, Integer> inclusive = new HashMap<>();
        Map<String, Integer> self = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.stream().noneMatch(frame -> name(frame).contains(within))) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (seen.add(method)) {
                    inclusive.merge(method, 1, Integer::sum);
                }
            }
            if (!frames.isEmpty()) {
                self.merge(name(frames.get(0)), 1, Integer::sum);
            }
        }
        System.out.printf("%d samples; %.0f us of CPU per request in all%n", samples, microsPerRequest);
        print("inclusive (on the stack)", inclusive, samples, microsPerRequest, rows);
        print("self (at the top of the stack)", self, samples, microsPerRequest, rows / 2);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static void print(String title, Map<String, Integer> counts, int samples, double micros, int rows) {
        System.out.printf("%n%-6s %-8s %s%n", "share", "us/req", title);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(entry -> System.out.printf("%5.1f%% %7.1f  %s%n", 100.0 * entry.getValue() / samples,
                        micros * entry.getValue() / samples, entry.getKey()));
    }
}
