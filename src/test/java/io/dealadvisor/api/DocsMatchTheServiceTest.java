package io.dealadvisor.api;

import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.records.DecisionIds;
import io.dealadvisor.records.DecisionsConfig;
import io.dealadvisor.security.AuthConfig;
import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.config.ConfigMappings;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.dealadvisor.testing.MarkdownTables.code;
import static io.dealadvisor.testing.MarkdownTables.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The reference tables in docs/ against the code and the running service, both ways: nothing listed that does not
 * exist, nothing that exists unlisted. Configuration keys with their defaults (docs/configuration.md), metrics and
 * health checks (docs/operations.md), endpoints with their roles and problem types (docs/api.md).
 */
@QuarkusTest
class DocsMatchTheServiceTest {

    private static final Path DOCS = Path.of("docs");

    @Test
    void everyConfigurationKeyIsListedWithItsDefault() {
        Map<String, String> inCode = new TreeMap<>();
        Stream.of(ConfigMappings.ConfigClass.configClass(DealAdvisorConfig.class, "deal-advisor"),
                        ConfigMappings.ConfigClass.configClass(DecisionsConfig.class, "deal-advisor.decisions"),
                        ConfigMappings.ConfigClass.configClass(AuthConfig.class, "deal-advisor.auth"))
                .flatMap(mapping -> ConfigMappings.getProperties(mapping).entrySet().stream())
                .filter(property -> !property.getKey().contains("[")) // an element of a list, not a key
                .forEach(property -> inCode.put(property.getKey().replace("*", "<id>"),
                        property.getValue().hasDefaultValue() ? property.getValue().getDefaultValue() : "none"));
        Map<String, String> listed = new TreeMap<>();
        for (List<String> row : rows(DOCS.resolve("configuration.md"), "key")) {
            List<String> defaults = code(row.get(1));
            for (String key : code(row.get(0))) {
                if (key.startsWith("deal-advisor.")) {
                    listed.put(key, defaults.isEmpty() ? row.get(1) : defaults.get(0));
                }
            }
        }
        assertEquals(inCode, listed, "docs/configuration.md's keys and defaults against the configuration classes");
    }

    @Test
    void everyMetricIsListed() {
        Api.qualify(DealJson.specExample().toString()).statusCode(200);
        String scrape = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        Set<String> served = new TreeSet<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (deal_advisor_\\w+) (\\w+)").matcher(scrape);
        while (type.find()) {
            if (!type.group(1).endsWith("_max")) { // a histogram's maximum, part of the histogram
                served.add(type.group(2).equals("counter") ? type.group(1) + "_total" : type.group(1));
            }
        }
        Set<String> listed = rows(DOCS.resolve("operations.md"), "metric").stream()
                .flatMap(row -> code(row.get(0)).stream()).map(metric -> metric.replaceAll("\\{.*}", ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, listed, "docs/operations.md's metrics against GET /q/metrics");
    }

    @Test
    void everyHealthCheckAndPathIsListed() {
        List<List<String>> table = rows(DOCS.resolve("operations.md"), "path");
        Set<String> listedPaths = table.stream().map(row -> code(row.get(0)).get(0))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("/q/health", "/q/health/live", "/q/health/ready", "/q/health/started",
                "/q/health/well"), listedPaths, "docs/operations.md's health paths (SmallRye Health's four groups)");
        for (String path : listedPaths) {
            int status = Management.given().get(path).then().extract().statusCode();
            assertEquals(true, status == 200 || status == 503, path + " answered " + status);
        }
        Set<String> served = new TreeSet<>(JsonPath.from(Management.given().get("/q/health").then().extract()
                .asString()).getList("checks.name"));
        Set<String> listedChecks = table.stream().flatMap(row -> code(row.get(1)).stream())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(served, listedChecks, "the checks named in docs/operations.md's health table against GET /q/health");
    }

    /** A key of the test profile for each role (application.properties), to ask the service what each may call. */
    private static final Map<String, String> KEYS = Map.of("qualify", Credentials.CALLER_KEY,
            "rules-admin", Credentials.ADMIN_KEY, "analyst", Credentials.ANALYST_KEY,
            "auditor", Credentials.AUDITOR_KEY, "privacy", Credentials.PRIVACY_KEY);

    @Test
    void everyEndpointIsListedWithItsRoles() throws IOException {
        Map<String, Set<String>> listed = new TreeMap<>();
        for (List<String> row : rows(DOCS.resolve("api.md"), "method and path")) {
            for (String endpoint : code(row.get(0))) {
                if (endpoint.contains(" /v1/")) {
                    listed.put(endpoint, new TreeSet<>(code(row.get(2))));
                }
            }
        }
        Set<String> inCode = new TreeSet<>();
        for (Class<?> resource : resources()) {
            String base = path(resource.getAnnotation(jakarta.ws.rs.Path.class));
            for (Method method : resource.getDeclaredMethods()) {
                String verb = verb(method);
                String endpoint = verb + " " + base + path(method.getAnnotation(jakarta.ws.rs.Path.class));
                if (verb != null && endpoint.contains(" /v1/")) {
                    inCode.add(endpoint);
                }
            }
        }
        assertEquals(inCode, listed.keySet(), "docs/api.md's endpoints against the resources");

        assertEquals(inCode, ContractOperations.all(), "openapi.yaml's operations against the resources");

        Map<String, Set<String>> served = new TreeMap<>();
        for (String endpoint : inCode) {
            String verb = endpoint.substring(0, endpoint.indexOf(' '));
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{\\w+}",
                    DecisionIds.next().toString());
            Set<String> roles = new TreeSet<>();
            KEYS.forEach((role, key) -> {
                // bodies that are refused before anything is done: nothing changes while roles are asked
                int status = Credentials.withKey(key).contentType(ContentType.JSON).body("{}").request(verb, path)
                        .then().extract().statusCode();
                if (status != 403) {
                    roles.add(role);
                }
            });
            served.put(endpoint, roles);
        }
        assertEquals(served, listed, "docs/api.md's roles against what the service lets each role call");
    }

    @Test
    void everyProblemTypeIsListed() throws IOException {
        Set<String> inCode = new TreeSet<>();
        // Problem.of("type", ...) anywhere; of(, invalid( and TYPES + inside Problem itself; a type written out whole
        Pattern anywhere = Pattern.compile("Problem\\.of\\(\"([a-z]+(?:-[a-z]+)*)\"|problem:([a-z]+(?:-[a-z]+)*)");
        Pattern inProblem = Pattern.compile("(?:\\bof\\(|\\binvalid\\(|TYPES \\+ )\"([a-z]+(?:-[a-z]+)*)\"");
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(file -> file.toString().endsWith(".java")).toList()) {
                String text = Files.readString(source);
                Matcher matcher = (source.endsWith("api/Problem.java") ? inProblem : anywhere).matcher(text);
                while (matcher.find()) {
                    inCode.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
                }
            }
        }
        // the mapper of JAX-RS's own errors names the type after the status's reason phrase: ask the service
        inCode.add(type(Credentials.asDemo().get("/v1/no-such-endpoint").then().statusCode(404)));
        inCode.add(type(Credentials.asDemo().get(Api.QUALIFICATIONS).then().statusCode(405)));
        inCode.add(type(Credentials.asDemo().accept("text/csv").get("/v1/truths").then().statusCode(406)));
        inCode.add(type(Credentials.asDemo().contentType(ContentType.TEXT).body("OPP-1").post(Api.QUALIFICATIONS)
                .then().statusCode(415)));
        Set<String> listed = rows(DOCS.resolve("api.md"), "status").stream()
                .flatMap(row -> code(row.get(1)).stream()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inCode, listed, "docs/api.md's problem types against the code and the service");
    }

    private static String type(io.restassured.response.ValidatableResponse response) {
        return response.extract().jsonPath().getString("type").replace("urn:deal-advisor:problem:", "");
    }

    /** The JAX-RS resources of the service: every class with @Path in target/classes. */
    private static List<Class<?>> resources() throws IOException {
        Path classes = Path.of("target/classes");
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(each -> each.toString().endsWith(".class") && !each.toString().contains("$"))
                    .toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                try {
                    Class<?> type = Class.forName(name, false, DocsMatchTheServiceTest.class.getClassLoader());
                    if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                        resources.add(type);
                    }
                } catch (ClassNotFoundException | LinkageError e) {
                    throw new IllegalStateException("cannot load " + name, e);
                }
            }
        }
        return resources;
    }

    private static String verb(Method method) {
        return method.isAnnotationPresent(GET.class) ? "GET" : method.isAnnotationPresent(POST.class) ? "POST"
                : method.isAnnotationPresent(PUT.class) ? "PUT" : method.isAnnotationPresent(DELETE.class) ? "DELETE"
                : null;
    }

    private static String path(jakarta.ws.rs.Path path) {
        if (path == null || path.value().equals("/")) {
            return "";
        }
        String value = path.value().startsWith("/") ? path.value() : "/" + path.value();
        return value.replaceAll("\\{(\\w+)(:[^}]*)?}", "{$1}");
    }
}
