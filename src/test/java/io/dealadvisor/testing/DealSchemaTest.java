package io.dealadvisor.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.testing.DealSchema.Field;
import io.dealadvisor.testing.DealSchema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DealSchemaTest {

    private final DealSchema contract = DealSchema.contract();

    @Test
    void readsEachFieldsTypeValuesAndBoundsFromTheContract() {
        Field covered = contract.field("discovery.requirementsCovered");
        assertEquals(Type.NUMBER, covered.type());
        assertEquals(0, covered.minimum().compareTo(BigDecimal.ZERO));
        assertEquals(0, covered.maximum().compareTo(BigDecimal.ONE));
        assertFalse(covered.exclusiveMaximum());

        assertEquals(List.of("SEAMLESS", "MINOR_CHANGES", "MAJOR_CHANGES", "INCOMPATIBLE"),
                contract.field("infrastructure.fit").values());
        assertTrue(contract.field("offering.amount").exclusiveMaximum());
        assertEquals(128, contract.field("id").maxLength());
        assertTrue(contract.field("client.name").required());
        assertFalse(contract.field("client.lifetimeValue").required());
        assertEquals("date", contract.field("milestones[3].due").format());
        assertEquals(Type.ARRAY, contract.field("incidents").type());
        assertEquals(Type.OBJECT, contract.field("incidents[]").type());
    }

    @Test
    void anUnknownOrRenamedPathFailsNamingIt() throws JsonProcessingException {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> contract.field("discovery.requirementsCoverage"));
        assertTrue(unknown.getMessage().contains("'discovery.requirementsCoverage'"), unknown.getMessage());
        assertTrue(unknown.getMessage().contains("requirementsCovered"), "lists what the part does have");

        JsonNode renamedInside = new ObjectMapper()
                .readTree("[ { \"name\": \"Pilot\", \"dueDate\": \"2026-12-15\" } ]");
        IllegalArgumentException inValue = assertThrows(IllegalArgumentException.class,
                () -> contract.check("milestones", renamedInside));
        assertTrue(inValue.getMessage().contains("'milestones[].dueDate'"), inValue.getMessage());
    }

    @Test
    void theExampleAndTheMinimalDealUseOnlyFieldsOfTheContract() {
        contract.checkDeal(contract.example());
        assertEquals("{\"id\":\"OPP-2026-0042\",\"client\":{\"name\":\"Northwind Logistics\"},"
                + "\"offering\":{\"name\":\"Freight audit suite\"}}", contract.minimalExample().toString());
    }

    @Test
    void aFieldAddedToACopyOfTheContractIsKnown(@TempDir Path folder) {
        DealSchema changed = DealSchema.read(ContractCopy.withMember(folder, "Offering", "discountCode", """
                type: string
                nullable: true
                enum: [SPRING, AUTUMN, null]
                """));

        Field added = changed.field("offering.discountCode");
        assertEquals(List.of("SPRING", "AUTUMN"), added.values());
        assertTrue(added.nullable());
        assertNull(added.minimum());
        assertFalse(contract.knows("offering.discountCode"));
        assertEquals(contract.fields().size() + 1, changed.fields().size());
    }
}
