package io.dealadvisor.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Thresholds;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.JacksonErrors;
import org.drools.drl.ast.descr.AnnotationDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.conf.KieBaseMutabilityOption;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderConfiguration;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Compiles a rules folder into a {@link Ruleset} at run time (drools-mvel, no build step), and rejects it,
 * naming file, line and problem, when it would not serve correctly: a file that does not compile, a rule
 * without a known {@code @truth}, a malformed catalogue, thresholds or advice policy.
 */
public final class RulesetLoader {

    static final String TRUTHS = "truths.yaml";
    static final String THRESHOLDS = "thresholds.yaml";
    static final String ADVICE = "advice.yaml";
    static final String SCENARIOS = "scenarios";
    private static final Set<String> GLOBALS = Set.of("outcome", "thresholds");
    private static final Pattern VOTE = Pattern.compile("outcome\\s*\\.\\s*vote\\s*\\(\\s*(?:Advice\\s*\\.\\s*)?(\\w+)");

    private final ClassLoader classLoader;
    private final Clock clock;
    private final Scenarios scenarios;
    private final int maxFirings;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** Rule firings allowed in one evaluation unless configured otherwise (deal-advisor.rules.max-firings). */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;

    public RulesetLoader() {
        this(RulesetLoader.class.getClassLoader(), Clock.systemUTC(), DealReader.standalone(), DEFAULT_MAX_FIRINGS);
    }

    public RulesetLoader(ClassLoader classLoader, Clock clock, DealReader reader, int maxFirings) {
        this.classLoader = classLoader;
        this.clock = clock;
        this.scenarios = new Scenarios(reader);
        this.maxFirings = maxFirings;
    }

    public Scenarios scenarios() {
        return scenarios;
    }

    public int maxFirings() {
        return maxFirings;
    }

    /** Compiles the folder and runs its scenarios: what the service accepts at start and on every reload. */
    public Ruleset load(Path directory) throws RulesetRejectedException {
        Ruleset ruleset = compile(directory);
        List<RuleProblem> problems = new ArrayList<>();
        for (Scenario scenario : scenarios.load(ruleset.directory(), problems)) {
            ScenarioResult result = scenarios.run(ruleset, scenario, maxFirings);
            for (String failure : result.failures()) {
                problems.add(new RuleProblem(scenario.file(), null, "scenario '" + scenario.name() + "' fails: "
                        + failure));
            }
        }
        if (!problems.isEmpty()) {
            ruleset.close();
            throw new RulesetRejectedException(problems);
        }
        return ruleset;
    }

    /** Compiles the folder and checks its rules cite known truths, without running the scenarios. */
    public Ruleset compile(Path directory) throws RulesetRejectedException {
        Path root = directory.toAbsolutePath().normalize();
        List<RuleProblem> problems = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            throw new RulesetRejectedException(List.of(new RuleProblem(root.toString(), null,
                    "the rules folder does not exist or is not a folder")));
        }
        Map<String, byte[]> files = readFiles(root, problems);
        String version = version(files);

        List<Truth> truths = readTruths(files, problems);
        Thresholds thresholds = read(files, THRESHOLDS, Thresholds.class, problems);
        AdvicePolicy policy = readPolicy(files, problems);

        Set<String> truthCodes = new HashSet<>();
        truths.forEach(truth -> truthCodes.add(truth.code()));
        List<RuleInfo> rules = new ArrayList<>();
        KnowledgeBuilderConfiguration configuration =
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, classLoader);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(configuration);
        Map<String, String> fileOfRule = new HashMap<>();
        boolean anyDrl = false;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            anyDrl = true;
            Resource resource = ResourceFactory.newByteArrayResource(file.getValue()).setSourcePath(file.getKey());
            resource.setResourceType(ResourceType.DRL);
            describeRules(file.getKey(), file.getValue(), truthCodes, fileOfRule, rules, problems);
            builder.add(resource, ResourceType.DRL);
        }
        if (!anyDrl) {
            problems.add(new RuleProblem(".", null, "the rules folder holds no .drl file"));
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            if (error.getMessage().contains("Parser returned a null Package")) {
                continue; // follows a syntax error that is reported with its line
            }
            int[] lines = error.getLines();
            String file = error.getResource() == null ? "?" : error.getResource().getSourcePath();
            problems.add(new RuleProblem(file, lines != null && lines.length > 0 && lines[0] > 0 ? lines[0] : null,
                    error.getMessage().strip()));
        }
        if (!problems.isEmpty()) {
            throw new RulesetRejectedException(problems);
        }
        KieBaseConfiguration kieBaseConfiguration = KieServices.get().newKieBaseConfiguration(null, classLoader);
        // A ruleset is never changed once built (a reload builds a new one). Saying so lets each session keep its
        // facts in a plain identity store instead of re-creating a store per fact class on every evaluation.
        kieBaseConfiguration.setOption(KieBaseMutabilityOption.DISABLED);
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(kieBaseConfiguration);
        kieBase.addPackages(builder.getKnowledgePackages());
        kieBase.getKiePackages().forEach(kiePackage -> kiePackage.getGlobalVariables().stream()
                .filter(global -> !GLOBALS.contains(global.getName()))
                .forEach(global -> problems.add(new RuleProblem(kiePackage.getName(), null, "unknown global '"
                        + global.getName() + "': rules may only use the globals " + GLOBALS))));
        if (!problems.isEmpty()) {
            throw new RulesetRejectedException(problems);
        }
        List<String> fileNames = new ArrayList<>(files.keySet());
        return new Ruleset(root, version, Instant.now(clock).truncatedTo(ChronoUnit.SECONDS), fileNames, rules,
                truths, thresholds, policy, kieBase);
    }

    /** The rules folder's files, except scenarios and hidden or backup files, in path order. */
    private static Map<String, byte[]> readFiles(Path root, List<RuleProblem> problems) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            // Files.walk does not enter a start folder that is a symbolic link: walk the folder it points to.
            Path start = root.toRealPath();
            try (Stream<Path> walk = Files.walk(start)) {
                walk.filter(Files::isRegularFile)
                        .map(path -> start.relativize(path))
                        .filter(relative -> !relative.startsWith(SCENARIOS) && !isEditorLitter(relative))
                        .map(relative -> relative.toString().replace('\\', '/'))
                        .sorted()
                        .forEach(name -> {
                            try {
                                files.put(name, Files.readAllBytes(root.resolve(name)));
                            } catch (NoSuchFileException gone) {
                                // removed while we listed the folder: the watcher will reload again
                            } catch (IOException e) {
                                problems.add(new RuleProblem(name, null, "cannot be read: " + e.getMessage()));
                            }
                        });
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(".", null, "the rules folder cannot be listed: " + e.getMessage()));
        }
        return files;
    }

    static boolean isEditorLitter(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".swp") || name.endsWith(".tmp")) {
                return true;
            }
        }
        return false;
    }

    /** First 12 hex digits of a SHA-256 over every file's path and content, in path order. */
    static String version(Map<String, byte[]> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                sha.update(file.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(file.getValue());
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void describeRules(String file, byte[] content, Set<String> truthCodes, Map<String, String> fileOfRule,
                               List<RuleInfo> rules, List<RuleProblem> problems) {
        PackageDescr descr;
        try {
            DrlParser parser = new DrlParser();
            descr = parser.parse(false, new String(content, StandardCharsets.UTF_8));
            if (descr == null || parser.hasErrors()) {
                return; // the builder reports the syntax errors with their lines
            }
        } catch (Exception e) {
            return;
        }
        for (RuleDescr rule : descr.getRules()) {
            Integer line = rule.getLine() > 0 ? rule.getLine() : null;
            String previous = fileOfRule.putIfAbsent(rule.getName(), file);
            if (previous != null) {
                problems.add(new RuleProblem(file, line, "rule '" + rule.getName()
                        + "' has the same name as a rule in " + previous + "; rule names must be unique"));
            }
            AnnotationDescr truthAnnotation = rule.getAnnotation("truth");
            String truth = truthAnnotation == null ? null : String.valueOf(truthAnnotation.getSingleValue()).replace("\"", "");
            if (truth == null || truth.isBlank()) {
                problems.add(new RuleProblem(file, line, "rule '" + rule.getName()
                        + "' cites no truth: add @truth(\"CODE\") with a code from " + TRUTHS));
            } else if (!truthCodes.contains(truth)) {
                problems.add(new RuleProblem(file, line, "rule '" + rule.getName() + "' cites the unknown truth '"
                        + truth + "'; known truths: " + String.join(", ", truthCodes.stream().sorted().toList())));
            }
            Set<String> votes = new HashSet<>();
            Matcher vote = VOTE.matcher(String.valueOf(rule.getConsequence()));
            while (vote.find()) {
                votes.add(vote.group(1));
            }
            Advice advice = null;
            if (votes.size() > 1) {
                problems.add(new RuleProblem(file, line, "rule '" + rule.getName()
                        + "' votes for more than one advice " + votes + "; a rule votes for one advice at most"));
            } else if (votes.size() == 1) {
                String name = votes.iterator().next();
                try {
                    advice = Advice.valueOf(name);
                } catch (IllegalArgumentException e) {
                    problems.add(new RuleProblem(file, line, "rule '" + rule.getName() + "' votes for '" + name
                            + "', which is not an advice; use one of " + List.of(Advice.values())));
                }
            }
            rules.add(new RuleInfo(rule.getName(), truth, file, advice));
        }
    }

    private List<Truth> readTruths(Map<String, byte[]> files, List<RuleProblem> problems) {
        TruthFile truthFile = read(files, TRUTHS, TruthFile.class, problems);
        if (truthFile == null) {
            return List.of();
        }
        if (truthFile.truths() == null || truthFile.truths().isEmpty()) {
            problems.add(new RuleProblem(TRUTHS, null, "lists no truths"));
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        for (Truth truth : truthFile.truths()) {
            if (truth.code() == null || !truth.code().matches("[A-Z][A-Z0-9_]*")) {
                problems.add(new RuleProblem(TRUTHS, null, "truth code '" + truth.code()
                        + "' must be upper case letters, digits and underscores"));
            } else if (!codes.add(truth.code())) {
                problems.add(new RuleProblem(TRUTHS, null, "truth " + truth.code() + " is listed twice"));
            }
            if (truth.statement() == null || truth.statement().isBlank()) {
                problems.add(new RuleProblem(TRUTHS, null, "truth " + truth.code() + " has no statement"));
            }
        }
        return truthFile.truths();
    }

    private AdvicePolicy readPolicy(Map<String, byte[]> files, List<RuleProblem> problems) {
        PolicyFile policy = read(files, ADVICE, PolicyFile.class, problems);
        if (policy == null) {
            return null;
        }
        int before = problems.size();
        if (policy.precedence() == null || policy.precedence().size() != Advice.values().length
                || !EnumSet.copyOf(policy.precedence()).equals(EnumSet.allOf(Advice.class))) {
            problems.add(new RuleProblem(ADVICE, null, "precedence must list every advice exactly once, strongest"
                    + " first: " + List.of(Advice.values())));
        }
        if (policy.withoutVotes() == null) {
            problems.add(new RuleProblem(ADVICE, null, "withoutVotes must name the advice for a deal with no vote"));
        }
        for (String key : AdvicePolicy.HEADLINES) {
            if (policy.headlines() == null || policy.headlines().get(key) == null) {
                problems.add(new RuleProblem(ADVICE, null, "headlines needs a template for " + key));
            }
        }
        return problems.size() > before ? null
                : new AdvicePolicy(policy.precedence(), policy.withoutVotes(), policy.headlines());
    }

    private <T> T read(Map<String, byte[]> files, String name, Class<T> type, List<RuleProblem> problems) {
        byte[] content = files.get(name);
        if (content == null) {
            problems.add(new RuleProblem(name, null, "is missing from the rules folder"));
            return null;
        }
        try {
            T value = yaml.readValue(content, type);
            if (value == null) {
                problems.add(new RuleProblem(name, null, "is empty"));
            }
            return value;
        } catch (JsonMappingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            String field = JacksonErrors.path(e.getPath());
            problems.add(new RuleProblem(name, line, (field.isEmpty() ? "" : field + ": ") + e.getOriginalMessage()));
        } catch (IOException e) {
            problems.add(new RuleProblem(name, null, "is not valid YAML: " + e.getMessage()));
        }
        return null;
    }

    private record TruthFile(List<Truth> truths) {
    }

    private record PolicyFile(List<Advice> precedence, Advice withoutVotes, Map<String, String> headlines) {
    }
}
