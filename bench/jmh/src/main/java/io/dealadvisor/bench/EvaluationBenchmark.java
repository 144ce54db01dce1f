package io.dealadvisor.bench;

import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Verdict;
import io.dealadvisor.engine.Advisor;
import io.dealadvisor.intake.DealRequest;
import org.mvel2.optimizers.OptimizerFactory;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One evaluation of one deal per call, cycling through the same 10,000 prebuilt deals, on one thread: only the
 * decision is timed, not reading the JSON. The setup fails the run if the implementations disagree on any deal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
// Drools keeps getting faster for some ten seconds (JIT of the network and of the consequences): a long warm-up.
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
// Hibernate Validator's JBoss Logging would otherwise fall back to java.util.logging: all goes to slf4j-nop.
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-Dorg.jboss.logging.provider=slf4j"})
public class EvaluationBenchmark {

    private Advisor advisor;
    private PlainJavaAdvisor plainJava;
    private EasyRulesAdvisor easyRules;
    private EasyRulesMvelAdvisor easyRulesMvel;
    private List<DealRequest> requests;
    private List<DealFacts> deals;
    private int next;

    @Setup
    public void prepare(BenchmarkParams params) {
        BenchDeals bench = BenchDeals.fromSystemProperty();
        List<Answer> answers = bench.checkedAnswers();
        advisor = bench.advisor;
        requests = bench.requests;
        plainJava = new PlainJavaAdvisor(bench.thresholds);
        easyRules = new EasyRulesAdvisor(bench.thresholds);
        deals = bench.facts;
        if (params.getBenchmark().endsWith(".easyRulesMvel")) {
            // Loading Drools switched MVEL to its reflective optimizer for the whole JVM. An application running
            // Easy Rules alone keeps MVEL's default (reflective, then bytecode after 50 calls), so this fork does.
            OptimizerFactory.setDefaultOptimizer(OptimizerFactory.DYNAMIC);
        }
        easyRulesMvel = new EasyRulesMvelAdvisor(bench.thresholds);
        for (int i = 0; i < deals.size(); i++) {
            if (!easyRulesMvel.decide(deals.get(i)).equals(answers.get(i))) {
                throw new IllegalStateException("Easy Rules MVEL decides deal " + i + " differently as timed");
            }
        }
    }

    @TearDown
    public void close() {
        advisor.release();
    }

    private int nextIndex() {
        int index = next;
        next = next + 1 == deals.size() ? 0 : next + 1;
        return index;
    }

    @Benchmark
    public Verdict dealAdvisorDrools() {
        return advisor.decide(requests.get(nextIndex())).verdict();
    }

    @Benchmark
    public Answer plainJava() {
        return plainJava.decide(deals.get(nextIndex()));
    }

    @Benchmark
    public Answer easyRules() {
        return easyRules.decide(deals.get(nextIndex()));
    }

    @Benchmark
    public Answer easyRulesMvel() {
        return easyRulesMvel.decide(deals.get(nextIndex()));
    }
}
