package io.dealadvisor.shadow;

import io.dealadvisor.security.Credentials;
import io.dealadvisor.testing.EditableFolders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A candidate that does not compile never stops the service from starting or answering. The candidate of
 * {@link EditableFolders} is broken from the start until a later test replaces it.
 */
@QuarkusTest
@TestProfile(EditableFolders.class)
class BrokenCandidateTest {

    @Test
    void liveAnswersAreUntouchedAndTheRefusalIsShown() throws Exception {
        Credentials.asDemo().contentType("application/json").body(Files.readString(Path.of("examples/deal.json")))
                .post("/v1/qualifications").then().statusCode(200).body("advice", equalTo("WAIT"));

        JsonPath shadow = Credentials.asDemo().get("/v1/shadow").then().statusCode(200).extract().jsonPath();
        assertNull(shadow.get("candidate.version"), "no candidate has loaded");
        assertEquals(EditableFolders.BROKEN_FILE, shadow.getString("candidate.lastReloadError.problems[0].file"));
        assertEquals(0, shadow.getLong("compared"));
        assertTrue(shadow.getString("live.version").matches("[0-9a-f]{12}"));
    }
}
