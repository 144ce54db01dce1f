package io.dealadvisor.engine;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.domain.RulesetStamp;
import io.dealadvisor.intake.DealReader;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a rules folder into an {@link Advisor}: reads the files ({@link RulesFiles}), the data beside the rules
 * ({@link RulesCatalogue}), compiles the DRL ({@link DrlCompiler}) and, for a ruleset that is to serve,
 * validates it ({@link RulesetValidator}). A folder that fails any step is rejected with every problem found.
 */
public final class RulesetLoader {

    /** Rule firings allowed in one evaluation unless configured otherwise (deal-advisor.rules.max-firings). */
    public static final int DEFAULT_MAX_FIRINGS = 10_000;
    /** The processor time a validation may use unless configured otherwise (deal-advisor.rules.validation-timeout). */
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(10);

    private final Clock clock;
    private final DealReader reader;
    private final int maxFirings;
    private final DrlCompiler compiler;
    private final RulesetValidator validator;

    /** Outside the service (rules tools, tests, benchmarks): UTC, the standalone reader, the default bounds. */
    public RulesetLoader() {
        this(RulesetLoader.class.getClassLoader(), Clock.systemUTC(), DealReader.standalone(), DEFAULT_MAX_FIRINGS,
                DEFAULT_VALIDATION_TIMEOUT);
    }

    /** The service's loader: UTC, the configured firing and time bounds. */
    public static RulesetLoader forService(DealAdvisorConfig config, DealReader reader) {
        return new RulesetLoader(RulesetLoader.class.getClassLoader(), Clock.systemUTC(), reader,
                config.rules().maxFirings(), config.rules().validationTimeout());
    }

    public RulesetLoader(ClassLoader classLoader, Clock clock, DealReader reader, int maxFirings,
                         Duration validationTimeout) {
        this.clock = clock;
        this.reader = reader;
        this.maxFirings = maxFirings;
        this.compiler = new DrlCompiler(classLoader);
        this.validator = new RulesetValidator(validationTimeout);
    }

    /** What the service accepts at start and on every reload: a folder that compiles and passes validation. */
    public Advisor load(Path directory) throws RulesetRejectedException {
        Advisor advisor = compile(directory);
        RulesetValidator.Validation validation = validator.validate(advisor);
        if (!validation.passed()) {
            advisor.release();
            throw new RulesetRejectedException(validation.problems());
        }
        return advisor;
    }

    /** Compiles the folder and checks what its rules declare, without running the scenarios. */
    public Advisor compile(Path directory) throws RulesetRejectedException {
        List<RuleProblem> problems = new ArrayList<>();
        RulesFiles files = RulesFiles.read(directory, problems);
        RulesCatalogue catalogue = RulesCatalogue.read(files, problems);
        DrlCompiler.Compiled compiled = compiler.compile(files, catalogue.truthCodes(), problems);
        if (!problems.isEmpty()) {
            throw new RulesetRejectedException(problems);
        }
        Ruleset ruleset = new Ruleset(files.root(), new RulesetStamp(files.version(),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS)), files.names(), compiled.rules(),
                catalogue.truths(), catalogue.thresholds(), catalogue.policy(), compiled.kieBase());
        return new Advisor(ruleset, reader, clock, maxFirings);
    }

    public RulesetValidator validator() {
        return validator;
    }
}
