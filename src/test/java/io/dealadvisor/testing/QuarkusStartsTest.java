package io.dealadvisor.testing;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Quarkus starts once for each distinct configuration of the {@code @QuarkusTest} classes (the test profile, or none,
 * with the test resources restricted to the class), several seconds each on a shared machine. A test that needs a
 * setting of its own joins a profile whose other tests do not read that setting (each profile says why they may
 * share it), so that the suite keeps to a few starts; this test fails, listing them, when there are more.
 */
class QuarkusStartsTest {

    /** Why each one cannot be shared: docs/development.md, "Test configurations". */
    private static final int MOST_STARTS = 8;
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    private static final List<DotName> QUARKUS_TESTS = List.of(
            DotName.createSimple("io.quarkus.test.junit.QuarkusTest"),
            DotName.createSimple("io.quarkus.test.junit.QuarkusIntegrationTest"));
    private static final DotName TEST_PROFILE = DotName.createSimple("io.quarkus.test.junit.TestProfile");
    private static final DotName WITH_TEST_RESOURCE = DotName.createSimple("io.quarkus.test.common.WithTestResource");
    private static final DotName QUARKUS_TEST_RESOURCE =
            DotName.createSimple("io.quarkus.test.common.QuarkusTestResource");
    /** The containers of the two repeatable annotations above. */
    private static final List<DotName> RESOURCE_LISTS = List.of(
            DotName.createSimple("io.quarkus.test.common.WithTestResource$List"),
            DotName.createSimple("io.quarkus.test.common.QuarkusTestResource$List"));

    @Test
    void theSuiteStartsQuarkusInAFewConfigurations() throws IOException {
        Map<String, Set<String>> testsByStart = new TreeMap<>();
        for (ClassInfo test : index().getKnownClasses()) {
            if (QUARKUS_TESTS.stream().anyMatch(test::hasDeclaredAnnotation)) {
                testsByStart.computeIfAbsent(start(test), start -> new TreeSet<>())
                        .add(test.simpleName());
            }
        }
        assertTrue(testsByStart.size() <= MOST_STARTS, () -> testsByStart.size() + " starts of Quarkus, at most "
                + MOST_STARTS + " wanted:\n" + testsByStart.entrySet().stream()
                .map(start -> start.getKey() + ": " + start.getValue()).collect(Collectors.joining("\n")));
    }

    /** What makes Quarkus start anew for {@code test}: its profile and the test resources only its class gets. */
    private static String start(ClassInfo test) {
        AnnotationInstance profile = test.declaredAnnotation(TEST_PROFILE);
        String start = profile == null ? "no profile" : profile.value().asClass().name().toString();
        return start + test.declaredAnnotations().stream()
                .flatMap(annotation -> RESOURCE_LISTS.contains(annotation.name())
                        ? Arrays.stream(annotation.value().asNestedArray()) : Stream.of(annotation))
                .filter(QuarkusStartsTest::restrictedToItsClass)
                .map(resource -> " + " + resource.value().asClass().name())
                .sorted().collect(Collectors.joining());
    }

    /** A test resource that is not started for every test alike. */
    private static boolean restrictedToItsClass(AnnotationInstance resource) {
        if (resource.name().equals(WITH_TEST_RESOURCE)) {
            AnnotationValue scope = resource.value("scope");
            return scope == null || !scope.asEnum().equals("GLOBAL");
        }
        if (resource.name().equals(QUARKUS_TEST_RESOURCE)) {
            AnnotationValue restricted = resource.value("restrictToAnnotatedClass");
            return restricted != null && restricted.asBoolean();
        }
        return false;
    }

    private static Index index() throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }
}
