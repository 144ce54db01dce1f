import com.fasterxml.jackson.databind.JsonNode;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RulesetLoader;
import io.dealadvisor.intake.StrictJson;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.Set;

/**
 * Does reloading the rules leak? Loads a rules folder again and again as the service reloads it: the newest
 * ruleset replaces the previous one, which is dropped without {@code close()}, and each decides one deal
 * so that its session pool is used. Prints the heap used after a full GC at checkpoints, and the growth
 * from the first checkpoint (after warm-up) to the last.
 *
 * <pre>java -cp CLASSPATH bench/ReloadHeap.java [RULES_FOLDER] [MAX_RATIO]</pre>
 * Exits 1 if the growth ratio exceeds MAX_RATIO.
 */
public class ReloadHeap {

    private static final int RELOADS = 500;
    private static final Set<Integer> CHECKPOINTS = Set.of(50, 100, 200, 300, 400, 500);
    /** Any valid deal will do: it only has to make a session from the pool fire some rules. */
    private static final String DEAL = """
            { "id": "OPP-BENCH", "asOf": "2026-11-23",
              "client": { "name": "Contoso", "relationshipYears": 1, "lifetimeValue": 10000 },
              "offering": { "name": "Audit", "category": "COMMODITY", "novelty": "REPLACEMENT",
                            "amount": 5000, "currency": "EUR" } }
            """;

    public static void main(String[] args) throws Exception {
        Path rules = Path.of(args.length > 0 ? args[0] : "rules");
        double maxRatio = args.length > 1 ? Double.parseDouble(args[1]) : Double.POSITIVE_INFINITY;
        JsonNode deal = StrictJson.newMapper().readTree(DEAL);
        RulesetLoader loader = new RulesetLoader();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

        Advisor live = null;
        long firstUsed = 0;
        long lastUsed = 0;
        long started = System.nanoTime();
        System.out.printf("%8s  %14s  %10s%n", "reloads", "heap used (MB)", "elapsed s");
        for (int reload = 1; reload <= RELOADS; reload++) {
            // as the registry does: the new advisor serves, the one it replaces is released
            Advisor previous = live;
            live = loader.load(rules);
            if (!live.decide(deal).ok()) {
                throw new IllegalStateException("the bench deal is invalid");
            }
            if (previous != null) {
                previous.release();
            }
            if (CHECKPOINTS.contains(reload)) {
                lastUsed = usedAfterGc(memory);
                if (firstUsed == 0) {
                    firstUsed = lastUsed;
                }
                System.out.printf("%8d  %14.1f  %10.0f%n", reload, lastUsed / 1e6, (System.nanoTime() - started) / 1e9);
            }
        }
        double ratio = (double) lastUsed / firstUsed;
        System.out.printf("heap used after GC, reload %d / reload %d: %.2f (limit %.2f), serving %s%n", RELOADS,
                CHECKPOINTS.stream().min(Integer::compare).orElseThrow(), ratio, maxRatio, live.version());
        System.exit(ratio > maxRatio ? 1 : 0);
    }

    /** Heap used once collections no longer free anything much: a few full GCs with pauses for finalisation. */
    private static long usedAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
