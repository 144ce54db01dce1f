package io.dealadvisor.engine;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.domain.Thresholds;
import io.dealadvisor.intake.JacksonErrors;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data files beside the rules, which analysts edit without Java: the catalogue of truths
 * ({@code truths.yaml}), the thresholds the rules compare with ({@code thresholds.yaml}) and how votes become
 * one advice ({@code advice.yaml}).
 */
public record RulesCatalogue(List<Truth> truths, Thresholds thresholds, AdvicePolicy policy) {

    static final String TRUTHS = "truths.yaml";
    static final String THRESHOLDS = "thresholds.yaml";
    static final String ADVICE = "advice.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^{}]*}");
    /** Jackson's message for a key a file must have. */
    private static final Pattern MISSING = Pattern.compile("^Missing creator property '([^']+)'");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            // a key written without a value (an empty threshold), or an empty entry of a list or map, is refused here
            .setDefaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL));

    /** Reads the three files; each mistake becomes a problem naming the file, and the line where known. */
    static RulesCatalogue read(RulesFiles folder, List<RuleProblem> problems) {
        return new RulesCatalogue(readTruths(folder.files(), problems),
                read(folder.files(), THRESHOLDS, Thresholds.class, problems), readPolicy(folder.files(), problems));
    }

    public Set<String> truthCodes() {
        Set<String> codes = new HashSet<>();
        truths.forEach(truth -> codes.add(truth.code()));
        return codes;
    }

    private static List<Truth> readTruths(Map<String, byte[]> files, List<RuleProblem> problems) {
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
        return List.copyOf(truthFile.truths());
    }

    private static AdvicePolicy readPolicy(Map<String, byte[]> files, List<RuleProblem> problems) {
        PolicyFile policy = read(files, ADVICE, PolicyFile.class, problems);
        if (policy == null) {
            return null;
        }
        int before = problems.size();
        if (policy.precedence() == null || policy.precedence().size() != Advice.values().length
                || !EnumSet.copyOf(policy.precedence()).equals(EnumSet.allOf(Advice.class))) {
            problems.add(new RuleProblem(ADVICE, null, "precedence must list each of " + List.of(Advice.values())
                    + " exactly once, the strongest first"));
        }
        if (policy.withoutVotes() == null) {
            problems.add(new RuleProblem(ADVICE, null, "withoutVotes must name the advice for a deal with no vote"));
        }
        for (String key : AdvicePolicy.HEADLINES) {
            if (policy.headlines() == null || policy.headlines().get(key) == null) {
                problems.add(new RuleProblem(ADVICE, null, "headlines needs a template for " + key));
            }
        }
        if (policy.headlines() != null) {
            policy.headlines().forEach((key, template) -> {
                if (!AdvicePolicy.HEADLINES.contains(key)) {
                    problems.add(new RuleProblem(ADVICE, null, "headlines." + key + " is not a headline the service"
                            + " writes; the headlines are " + AdvicePolicy.HEADLINES));
                }
                List<String> filled = AdvicePolicy.PLACEHOLDERS.getOrDefault(key, List.of());
                Matcher placeholder = PLACEHOLDER.matcher(template == null ? "" : template);
                while (placeholder.find()) {
                    if (!filled.contains(placeholder.group())) {
                        problems.add(new RuleProblem(ADVICE, null, "headlines." + key + " uses "
                                + placeholder.group() + ", which nothing fills in there; "
                                + (filled.isEmpty() ? "it takes none" : "use " + filled)));
                    }
                }
            });
        }
        return problems.size() > before ? null
                : new AdvicePolicy(policy.precedence(), policy.withoutVotes(), policy.headlines());
    }

    private static <T> T read(Map<String, byte[]> files, String name, Class<T> type, List<RuleProblem> problems) {
        byte[] content = files.get(name);
        if (content == null) {
            problems.add(new RuleProblem(name, null, "is missing from the rules folder"));
            return null;
        }
        if (problems.stream().anyMatch(problem -> problem.file().equals(name))) {
            return null; // refused as the folder was read (not UTF-8): said once, with its line
        }
        try {
            // a key misspelled is named where it stands, rather than reported as the key it should have been missing
            List<RuleProblem> unknown = unknownKeys(name, content, type);
            if (!unknown.isEmpty()) {
                problems.addAll(unknown);
                return null;
            }
            T value = YAML.readValue(content, type);
            if (value == null) {
                problems.add(new RuleProblem(name, null, "is empty"));
            }
            return value;
        } catch (JsonMappingException e) {
            Integer line = e.getLocation() == null ? null : e.getLocation().getLineNr();
            String field = JacksonErrors.path(e.getPath());
            Matcher missing = MISSING.matcher(e.getOriginalMessage());
            if (missing.find()) { // Jackson's path ends with the key it misses: said once, within its parent
                String key = missing.group(1);
                String parent = field.endsWith("." + key) ? field.substring(0, field.length() - key.length() - 1)
                        : field.equals(key) ? "" : field;
                problems.add(new RuleProblem(name, line, (parent.isEmpty() ? "" : parent + ": ") + "'" + key
                        + "' is missing"));
            } else {
                problems.add(new RuleProblem(name, line, (field.isEmpty() ? "" : field + ": ")
                        + e.getOriginalMessage()));
            }
        } catch (IOException e) {
            problems.add(new RuleProblem(name, null, "is not valid YAML: " + e.getMessage()));
        }
        return null;
    }

    /** The top-level keys of a file read as {@code type} that none of its components has, each with its line. */
    private static List<RuleProblem> unknownKeys(String name, byte[] content, Class<?> type) throws IOException {
        Set<String> known = new TreeSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            known.add(component.getName());
        }
        List<RuleProblem> unknown = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(content)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return unknown;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                if (!known.contains(key)) {
                    unknown.add(new RuleProblem(name, parser.currentTokenLocation().getLineNr(), "'" + key
                            + "' is not a key of this file; its keys are " + known));
                }
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return unknown;
    }

    private record TruthFile(List<Truth> truths) {
    }

    private record PolicyFile(List<Advice> precedence, Advice withoutVotes, Map<String, String> headlines) {
    }
}
