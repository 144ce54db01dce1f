package io.dealadvisor.bench;

import io.dealadvisor.engine.Advisor;
import io.dealadvisor.engine.RulesetLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times what a reload does (compile, check truths, run the scenarios: {@link RulesetLoader#load}) for the shipped
 * rules and for the shipped rules plus 1,000 generated ones, in one JVM: the first load (cold) and the median of
 * the following ones (warm, as a reload in a running service is).
 * Usage: ReloadTimer RULES_FOLDER WORK_FOLDER [REPEATS]. Prints one line per folder: name coldMs warmMedianMs rules.
 */
public final class ReloadTimer {

    private static final int GENERATED_RULES = 1_000;
    private static final int RULES_PER_FILE = 100;
    private static final String[] TRUTHS = {"FITS_EXISTING_INFRASTRUCTURE", "CLOSE_THE_CLIENT",
            "NO_PUSH_BEFORE_MILESTONES", "WANTS_OVER_NEEDS"};

    public static void main(String[] args) throws Exception {
        Path shipped = Path.of(args[0]);
        Path generated = generatedFolder(shipped, Path.of(args[1]).resolve("rules-1000"));
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        time("shipped", shipped, repeats);
        time("shipped+1000", generated, repeats);
    }

    private static void time(String name, Path folder, int repeats) throws Exception {
        RulesetLoader loader = new RulesetLoader();
        double[] millis = new double[repeats];
        int rules = 0;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            Advisor advisor = loader.load(folder);
            millis[i] = (System.nanoTime() - start) / 1e6;
            rules = advisor.ruleset().rules().size();
            advisor.release();
        }
        double[] warm = Arrays.copyOfRange(millis, 1, repeats);
        Arrays.sort(warm);
        System.out.printf("%s %.0f %.0f %d%n", name, millis[0], warm[warm.length / 2], rules);
    }

    /** The shipped folder (rules, catalogue, scenarios) plus generated rules that the scenarios never trigger. */
    private static Path generatedFolder(Path shipped, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path source : files.toList()) {
                Path copy = target.resolve(shipped.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (int file = 0; file < GENERATED_RULES / RULES_PER_FILE; file++) {
            List<String> lines = new ArrayList<>(List.of("package dealadvisor.generated;", "",
                    "import io.dealadvisor.domain.*;", "", "global Conclusions conclusions;", ""));
            for (int i = file * RULES_PER_FILE; i < (file + 1) * RULES_PER_FILE; i++) {
                lines.add(rule(i));
            }
            Files.write(target.resolve("generated-" + file + ".drl"), lines);
        }
        return target;
    }

    /** Four shapes in turn, each matching different facts, so the network is as varied as analysts' rules. */
    private static String rule(int i) {
        String when = switch (i % 4) {
            case 0 -> "Infrastructure( approvalsRequired != null, approvalsRequired > " + (20 + i) + " )";
            case 1 -> "Offering( amount != null, amount > " + (5_000_000 + i * 1_000) + " )";
            case 2 -> "$milestone : Milestone( status == MilestoneStatus.PENDING, name == \"Gate " + i + "\" )";
            default -> "Client( relationshipYears != null, relationshipYears > " + (100 + i) + " )\n"
                    + "    Discovery( positioning == Positioning.WANT )";
        };
        String then = i % 4 == 0 || i % 4 == 2
                ? "conclusions.vote(Advice.WAIT, \"generated rule " + i + "\");"
                : "conclusions.note(\"generated rule " + i + "\");\n    conclusions.act(\"Generated action " + i + ".\");";
        return "rule \"Generated rule " + i + "\"\n    @truth(\"" + TRUTHS[i % TRUTHS.length] + "\")\nwhen\n    " + when
                + "\nthen\n    " + then + "\nend\n";
    }
}
