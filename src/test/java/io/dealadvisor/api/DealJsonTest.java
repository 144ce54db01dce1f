package io.dealadvisor.api;

import io.dealadvisor.testing.ContractCopy;
import io.dealadvisor.testing.DealSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API tests' deals take their fields from the contract: a field added there is known, any other is refused. */
class DealJsonTest {

    private static final String DISCOUNT_CODE = """
            type: string
            nullable: true
            enum: [SPRING, AUTUMN, null]
            """;

    @Test
    void aFieldAddedToTheContractCanBeSet(@TempDir Path folder) throws Exception {
        DealSchema changed = DealSchema.read(ContractCopy.withMember(folder, "Offering", "discountCode",
                DISCOUNT_CODE));

        DealJson deal = DealJson.specExample(changed).with("offering.discountCode", "\"SPRING\"");

        assertEquals("SPRING", DealJson.JSON.readTree(deal.toString()).at("/offering/discountCode").asText());
        assertRefused("offering.discountCode",
                () -> DealJson.specExample().with("offering.discountCode", "\"SPRING\""));
    }

    @Test
    void anUnknownOrRenamedPathIsRefusedByName() {
        assertRefused("discovery.requirementsCoverage",
                () -> DealJson.specExample().with("discovery.requirementsCoverage", "0.4"));
        assertRefused("competitors[].fitsRequirement", () -> DealJson.specExample().with("competitors",
                "[ { \"name\": \"Acme\", \"fitsRequirement\": true } ]"));
        assertRefused("pricing.ourPrise", () -> DealJson.specExample().without("pricing.ourPrise"));
    }

    @Test
    void unknownMembersAreSentOnlyOnPurpose() {
        assertTrue(DealJson.specExample().withUnknown("offering.sku", "42").toString().contains("\"sku\":42"));
        IllegalArgumentException known = assertThrows(IllegalArgumentException.class,
                () -> DealJson.specExample().withUnknown("offering.amount", "42"));
        assertTrue(known.getMessage().contains("offering.amount"), known.getMessage());
    }

    private static void assertRefused(String path, Executable change) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, change);
        assertTrue(refused.getMessage().contains("'" + path + "'"), refused.getMessage());
    }
}
