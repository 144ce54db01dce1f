package io.dealadvisor.testing;

import io.dealadvisor.records.StoreFolder;
import io.dealadvisor.security.Credentials;
import io.quarkus.test.junit.QuarkusTestProfile;
import org.eclipse.microprofile.config.ConfigProvider;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service for the tests that edit its folders while it runs, and for the decision records on H2, the embedded
 * engine of earlier versions ({@code EmbeddedH2DecisionRecordsTest}), which these tests do not read: the rules from a
 * temporary copy of the shipped ones, watched with a short quiet period so that reloads follow edits quickly
 * (hot reload, reload under load), and a shadow candidate, a copy that does not compile at start
 * ({@code BrokenCandidateTest}) and that each later shadow test replaces with a candidate of its own
 * ({@link #serveCandidate}), behind a queue of two ({@code SlowCandidateTest}). Each test leaves the rules as shipped.
 */
public class EditableFolders implements QuarkusTestProfile {

    /** The H2 store's folder. */
    public static final Path H2_FOLDER = Path.of("target/decisions-h2-engine");
    /** The candidate's file that does not compile at start. */
    public static final String BROKEN_FILE = "best-sale-no-sale.drl";
    private static final Duration CANDIDATE_LOADED = Duration.ofSeconds(30);

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.rules.debounce", "200ms",
                "deal-advisor.decisions.embedded-engine", "h2",
                "deal-advisor.shadow.queue", "2");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(ShippedRulesCopy.class),
                new TestResourceEntry(ShadowCandidateCopy.class, Map.of(BROKEN_FILE,
                        RulesFolder.withSyntaxError(RulesFolder.at(RulesFolder.SHIPPED).read(BROKEN_FILE)))),
                new TestResourceEntry(StoreFolder.class, Map.of(StoreFolder.FOLDER, H2_FOLDER.toString())));
    }

    /** The rules folder the running service serves. */
    public static RulesFolder servedRules() {
        return folderOf("deal-advisor.rules.dir");
    }

    /**
     * Makes the candidate the shipped rules plus {@code file} and waits until the service compares with it: a version
     * of its own, so that the figures of {@code GET /v1/shadow}, counted by version, hold this test's deals only.
     */
    public static void serveCandidate(String file, String drl) {
        RulesFolder candidate = folderOf("deal-advisor.shadow.dir");
        candidate.restoreShipped();
        candidate.write(file, drl);
        String version = RulesFolder.versionOf(candidate.root());
        Poll.until(CANDIDATE_LOADED, "the candidate " + version + " loaded",
                () -> Credentials.asDemo().get("/v1/shadow").then().statusCode(200).extract().jsonPath()
                        .getString("candidate.version"), version::equals);
    }

    private static RulesFolder folderOf(String key) {
        Path folder = Path.of(ConfigProvider.getConfig().getValue(key, String.class));
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(key + " is not a folder: " + folder);
        }
        return RulesFolder.at(folder);
    }
}
