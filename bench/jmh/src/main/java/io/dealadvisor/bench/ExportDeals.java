package io.dealadvisor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.domain.Advice;
import io.dealadvisor.intake.StrictJson;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the generated deals for the benchmarks outside this JVM, after the in-process implementations agreed on
 * them: {@code deals.json} (each deal with deal-advisor's answer, for the Zen harness to check against),
 * {@code http-deals.ndjson} (one deal a line, for wrk) and {@code batch.json} (one batch of 1,000 deals).
 * Usage: ExportDeals OUTPUT_FOLDER (rules folder from -Drules).
 */
public final class ExportDeals {

    private static final int HTTP_DEALS = 1_000;

    public static void main(String[] args) throws IOException {
        Path output = Path.of(args[0]);
        Files.createDirectories(output);
        BenchDeals bench = BenchDeals.fromSystemProperty();
        List<Answer> answers = bench.checkedAnswers();
        bench.advisor.release();

        ObjectMapper json = StrictJson.newMapper();
        ArrayNode withAnswers = json.createArrayNode();
        Map<Advice, Integer> mix = new EnumMap<>(Advice.class);
        for (int i = 0; i < answers.size(); i++) {
            Answer answer = answers.get(i);
            ObjectNode expected = json.createObjectNode().put("advice", answer.advice().name())
                    .put("referTo", answer.referTo())
                    .put("revisitOn", answer.revisitOn() == null ? null : answer.revisitOn().toString());
            withAnswers.addObject().set("deal", bench.json.get(i));
            ((ObjectNode) withAnswers.get(i)).set("expected", expected);
            mix.merge(answer.advice(), 1, Integer::sum);
        }
        json.writeValue(output.resolve("deals.json").toFile(), withAnswers);
        try (Writer lines = Files.newBufferedWriter(output.resolve("http-deals.ndjson"))) {
            for (ObjectNode deal : bench.json.subList(0, HTTP_DEALS)) {
                lines.write(json.writeValueAsString(deal));
                lines.write('\n');
            }
        }
        json.writeValue(output.resolve("batch.json").toFile(), bench.json.subList(0, HTTP_DEALS));
        System.out.println("exported " + answers.size() + " deals, all decided alike in-process; advice mix " + mix);
    }
}
