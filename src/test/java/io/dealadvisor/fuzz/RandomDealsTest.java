package io.dealadvisor.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.StrictJson;
import io.dealadvisor.testing.ContractCopy;
import io.dealadvisor.testing.DealSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fuzz test's deals are made from the contract: they are valid, and a field added there is generated. */
class RandomDealsTest {

    private static final int DEALS = 2_000;

    /** Sent as text and parsed as the service parses it, so that what the parser does to a value counts. */
    @Test
    void everyDealIsValidAndEveryFieldOfTheContractTurnsUp() throws IOException {
        RandomDeals deals = new RandomDeals(new Random(1));
        DealReader reader = DealReader.standalone();
        ObjectMapper service = StrictJson.newMapper();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < DEALS; i++) {
            ObjectNode deal = deals.deal();
            DealReader.Reading reading = reader.read(service.readTree(BadBodies.write(deal)));
            assertTrue(reading.ok(), () -> reading.errors() + " in " + deal);
            collectPaths(deal, "", seen);
        }
        List<String> missing = deals.schema().fields().stream().map(DealSchema.Field::path)
                .filter(path -> !seen.contains(path)).toList();
        assertEquals(List.of(), missing, "fields of the contract never generated");
    }

    @Test
    void aFieldAddedToTheContractIsGeneratedWithinItsValues(@TempDir Path folder) throws IOException {
        DealSchema changed = DealSchema.read(ContractCopy.withMember(folder, "Offering", "discountCode", """
                type: string
                nullable: true
                enum: [SPRING, AUTUMN, null]
                """));
        Path withShare = ContractCopy.withMember(Files.createDirectory(folder.resolve("share")), "Pricing",
                "discountShare", """
                type: number
                minimum: 0
                maximum: 0.5
                nullable: true
                """);
        RandomDeals codes = new RandomDeals(new Random(2), changed);
        RandomDeals shares = new RandomDeals(new Random(3), DealSchema.read(withShare));

        Set<String> drawn = new HashSet<>();
        BigDecimal largest = BigDecimal.ZERO;
        for (int i = 0; i < DEALS; i++) {
            JsonNode code = codes.deal().at("/offering/discountCode");
            if (code.isTextual()) {
                drawn.add(code.asText());
            }
            JsonNode share = shares.deal().at("/pricing/discountShare");
            if (share.isNumber()) {
                assertTrue(share.decimalValue().signum() >= 0
                        && share.decimalValue().compareTo(new BigDecimal("0.5")) <= 0, share::toString);
                largest = largest.max(share.decimalValue());
            }
        }
        assertEquals(Set.of("SPRING", "AUTUMN"), drawn);
        assertEquals(0, largest.compareTo(new BigDecimal("0.5")), "the maximum itself is drawn");
    }

    /** The schema paths of every member present, elements as {@code []}. */
    private static void collectPaths(JsonNode node, String path, Set<String> paths) {
        if (node.isObject()) {
            node.properties().forEach(member -> {
                String child = path.isEmpty() ? member.getKey() : path + "." + member.getKey();
                paths.add(child);
                collectPaths(member.getValue(), child, paths);
            });
        } else if (node.isArray()) {
            node.forEach(element -> {
                paths.add(path + "[]");
                collectPaths(element, path + "[]", paths);
            });
        }
    }
}
