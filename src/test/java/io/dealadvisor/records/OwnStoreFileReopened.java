package io.dealadvisor.records;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * The store file of {@link OwnStoreFile} opened again by a second start, for {@link RestartSecondRunTest}, with
 * {@code durability=sync} and a buffer of one record for {@link SyncBufferFullTest}: the second run's checks read
 * what the first run left and hand the recorder nothing new, so neither setting touches them.
 */
public class OwnStoreFileReopened implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("deal-advisor.decisions.path", OwnStoreFile.PATH.toString(),
                "deal-advisor.decisions.durability", "sync",
                "deal-advisor.decisions.buffer", "1");
    }
}
