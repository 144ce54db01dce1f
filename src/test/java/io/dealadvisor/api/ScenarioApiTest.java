package io.dealadvisor.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The analysts' scenarios as callers (the analyst page among them) list and try them. */
@QuarkusTest
class ScenarioApiTest {

    private static final Path RULES = Path.of("rules");
    /** Reads numbers as the YAML reader does, so a scenario compares equal to its file. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void listsEveryScenarioFileOfTheLiveRulesFolderAsWrittenInPathOrder() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(RULES.resolve("scenarios"))) {
            files = list.filter(path -> path.toString().endsWith(".yaml")).sorted().toList();
        }
        ArrayNode written = JSON.createArrayNode();
        for (Path file : files) {
            JsonNode scenario = YAML.readTree(file.toFile());
            ObjectNode entry = written.addObject()
                    .put("file", RULES.relativize(file).toString().replace('\\', '/'))
                    .put("name", scenario.path("name").asText());
            entry.set("deal", scenario.path("deal"));
            entry.set("expect", scenario.path("expect"));
        }

        assertFalse(files.isEmpty(), "rules/scenarios holds no scenario");
        assertEquals(written, scenarios());
    }

    /** What the page does: a listed deal, sent as it is, gets the advice its scenario expects. */
    @Test
    void eachListedDealQualifiesToTheAdviceItsScenarioExpects() {
        List<String> expected = new ArrayList<>();
        List<String> advised = new ArrayList<>();
        for (JsonNode scenario : scenarios()) {
            String file = scenario.path("file").asText();
            expected.add(file + ": " + scenario.path("expect").path("advice").asText());
            advised.add(file + ": " + Api.qualify(scenario.path("deal")).statusCode(200).extract().path("advice"));
        }
        assertEquals(expected, advised);
    }

    private static JsonNode scenarios() {
        String body = Credentials.asDemo().get(Api.SCENARIOS).then()
                .statusCode(200)
                .contentType(Api.JSON)
                .extract().asString();
        try {
            return JSON.readTree(body).path("scenarios");
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
