package io.dealadvisor.engine;

import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Conclusions;
import io.dealadvisor.domain.Thresholds;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.conf.ThreadSafeOption;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the {@code .drl} files of a rules folder at run time (drools-mvel, no build step) into a
 * {@link KieBase}, and describes each rule from its own metadata: the {@code @truth} it cites and the
 * {@code @advice} it may vote for. Nothing is guessed from a rule's text.
 */
final class DrlCompiler {

    /** The globals the service sets on every session, by name, and the type each must be declared with. */
    private static final Map<String, Class<?>> GLOBALS = Map.of("conclusions", Conclusions.class,
            "thresholds", Thresholds.class);
    /** A global's declaration, its type (generic or array types too) and name, to name its file and line. */
    private static final Pattern GLOBAL = Pattern.compile("^[ \\t]*global\\s+([^;]+?)\\s+(\\w+)\\s*(?:;|$)",
            Pattern.MULTILINE);
    /** What the parser says of a file that ends inside a rule (a save cut short, a paste that lost its end). */
    private static final String CUT_SHORT = "unexpected exception at input '<eof>'.";
    /**
     * Names the rules used before they were renamed, as Drools reports them once they no longer exist, and what
     * to write instead: analysts' files written earlier would otherwise only hear that a class is not found.
     */
    private static final Map<Pattern, String> RENAMED = Map.of(
            Pattern.compile("class '(io\\.dealadvisor\\.domain\\.)?Outcome'|\\boutcome cannot be resolved"),
            "the global 'outcome' is now 'conclusions': declare global Conclusions conclusions; and write"
                    + " conclusions.vote(...), conclusions.act(...) and so on in consequences",
            Pattern.compile("ObjectType '(io\\.dealadvisor\\.domain\\.)?Decision'"),
            "the fact Decision is now FinalAdvice: match FinalAdvice( advice == ... )");

    /** A compiled folder: the rule base and what each rule declares. */
    record Compiled(KieBase kieBase, List<RuleInfo> rules) {
    }

    private final ClassLoader classLoader;

    DrlCompiler(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Null when a problem was found; every problem names its file and, where known, its line. */
    Compiled compile(RulesFiles folder, Set<String> truthCodes, List<RuleProblem> problems) {
        KnowledgeBuilderConfiguration configuration =
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        Map<String, String> sources = new HashMap<>();
        folder.files().forEach((name, content) -> {
            if (name.endsWith(".drl")) {
                Resource resource = ResourceFactory.newByteArrayResource(content).setSourcePath(name);
                resource.setResourceType(ResourceType.DRL);
                builder.add(resource, ResourceType.DRL);
                sources.put(name, new String(content, StandardCharsets.UTF_8));
            }
        });
        if (sources.isEmpty()) {
            problems.add(new RuleProblem(".", null, "the rules folder holds no .drl file"));
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            if (error.getMessage().contains("Parser returned a null Package")) {
                continue; // follows a syntax error that is reported with its line
            }
            int[] lines = error.getLines();
            String file = error.getResource() == null ? "?" : error.getResource().getSourcePath();
            problems.add(new RuleProblem(file, lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null,
                    explain(error.getMessage().strip(), file, sources)));
        }
        if (!problems.isEmpty()) {
            return null;
        }
        KieBaseConfiguration kieBaseConfiguration = KieServices.get().newKieBaseConfiguration(null, classLoader);
        // A ruleset is never changed once built (a reload builds a new one). Saying so lets each session keep its
        // facts in a plain identity store instead of re-creating a store per fact class on every evaluation.
        kieBaseConfiguration.setOption(KieBaseMutabilityOption.DISABLED);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(kieBaseConfiguration);
        kieBase.addPackages(builder.getKnowledgePackages());
        // Each session is lent by the advisor's pool to one evaluation at a time, so it need not guard its memory
        // against other threads: measured faster (docs/benchmarks.md). Set as the rule base's default, the pool's
        // plain newKieSession() applies it without building a pool key per evaluation.
        kieBase.getSessionConfiguration().setOption(ThreadSafeOption.NO);
        List<RuleInfo> rules = new ArrayList<>();
        Map<String, String> fileOfRule = new HashMap<>();
        checkGlobals(sources, problems);
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            // what Drools compiled is the authority: a declaration the pattern did not read is named by its package
            kiePackage.getGlobalVariables().stream()
                    .filter(global -> !GLOBALS.containsKey(global.getName())
                            || !GLOBALS.get(global.getName()).getName().equals(global.getType()))
                    .filter(global -> problems.stream().noneMatch(p -> p.message().contains("'" + global.getName()
                            + "'")))
                    .forEach(global -> problems.add(new RuleProblem(kiePackage.getName(), null, "global '"
                            + global.getName() + "' of type " + global.getType() + ": rules may only use the globals"
                            + " conclusions (Conclusions) and thresholds (Thresholds)")));
            for (Rule rule : kiePackage.getRules()) {
                rules.add(describe(rule, truthCodes, sources, fileOfRule, problems));
            }
        }
        if (!problems.isEmpty()) {
            return null;
        }
        rules.sort(Comparator.comparing(RuleInfo::file).thenComparing(RuleInfo::line));
        return new Compiled(kieBase, List.copyOf(rules));
    }

    private static RuleInfo describe(Rule rule, Set<String> truthCodes, Map<String, String> sources,
                                     Map<String, String> fileOfRule, List<RuleProblem> problems) {
        String name = rule.getName();
        String file = rule instanceof RuleImpl impl && impl.getResource() != null
                ? impl.getResource().getSourcePath() : "?";
        int line = lineOf(sources.get(file), name);
        Integer where = line > 0 ? line : null;
        String previous = fileOfRule.putIfAbsent(name, file);
        if (previous != null) {
            problems.add(new RuleProblem(file, where, "rule '" + name + "' has the same name as a rule in "
                    + previous + "; rule names must be unique"));
        }
        String truth = text(rule.getMetaData().get("truth"));
        if (truth == null) {
            problems.add(new RuleProblem(file, where, "rule '" + name
                    + "' cites no truth: add @truth(\"CODE\") with a code from " + RulesCatalogue.TRUTHS));
        } else if (!truthCodes.contains(truth)) {
            problems.add(new RuleProblem(file, where, "rule '" + name + "' cites the unknown truth '" + truth
                    + "'; known truths: " + String.join(", ", truthCodes.stream().sorted().toList())));
        }
        String declared = text(rule.getMetaData().get("advice"));
        Advice advice = null;
        if (declared != null) {
            try {
                advice = Advice.valueOf(declared);
            } catch (IllegalArgumentException e) {
                problems.add(new RuleProblem(file, where, "rule '" + name + "' declares @advice(\"" + declared
                        + "\"), which is not an advice; use one of " + Arrays.toString(Advice.values())));
            }
        }
        return new RuleInfo(name, truth, file, line, advice);
    }

    /**
     * Drools names a duplicate rule but not where its twin is: say which file that is. A name from before the
     * renaming gets what to write instead.
     */
    private static String explain(String message, String file, Map<String, String> sources) {
        // the parser adds the exception it met and its stack trace, which say nothing to an analyst
        int exception = message.indexOf(" Exception: ");
        if (exception > 0) {
            message = message.substring(0, exception).strip();
        }
        if (message.contains(CUT_SHORT)) {
            return message.replace(CUT_SHORT, "the file ends in the middle of a rule")
                    + ": finish the rule with 'end', or save the whole file again";
        }
        for (Map.Entry<Pattern, String> renamed : RENAMED.entrySet()) {
            if (renamed.getKey().matcher(message).find()) {
                return message + "; " + renamed.getValue();
            }
        }
        String duplicate = "Duplicate rule name: ";
        if (!message.startsWith(duplicate)) {
            return message;
        }
        String rule = message.substring(duplicate.length()).strip();
        return sources.keySet().stream().sorted()
                .filter(other -> !other.equals(file) && lineOf(sources.get(other), rule) > 0)
                .findFirst()
                .map(other -> "rule '" + rule + "' has the same name as a rule in " + other
                        + "; rule names must be unique")
                .orElse(message);
    }

    /** Metadata as Drools keeps it: the annotation's value, quoted or not; blank counts as absent. */
    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String text = value.toString().replace("\"", "").strip();
        return text.isEmpty() ? null : text;
    }

    /** The line of {@code rule "name"} in its file, only to point analysts at it; 0 when not found. */
    /**
     * Each global a file declares that the service does not set, or declares with another type than it sets, named
     * with its file and line (Drools names only the package, which every file shares, or fails each scenario).
     */
    private static void checkGlobals(Map<String, String> sources, List<RuleProblem> problems) {
        sources.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(source -> {
            Matcher declaration = GLOBAL.matcher(source.getValue());
            while (declaration.find()) {
                String type = declaration.group(1);
                String name = declaration.group(2);
                int line = (int) source.getValue().substring(0, declaration.start()).chars()
                        .filter(c -> c == '\n').count() + 1;
                Class<?> expected = GLOBALS.get(name);
                if (expected == null) {
                    problems.add(new RuleProblem(source.getKey(), line, "unknown global '" + name + "': rules may"
                            + " only use the globals conclusions and thresholds"));
                } else if (!type.equals(expected.getSimpleName()) && !type.equals(expected.getName())) { // List<X> too
                    problems.add(new RuleProblem(source.getKey(), line, "global '" + name + "' is declared as " + type
                            + "; it must be " + expected.getSimpleName() + " (" + expected.getName() + ")"));
                }
            }
        });
    }

    private static int lineOf(String source, String rule) {
        if (source == null) {
            return 0;
        }
        String header = "rule \"" + rule + "\"";
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].strip().startsWith(header)) {
                return i + 1;
            }
        }
        return 0;
    }
}
