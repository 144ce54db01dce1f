package io.dealadvisor.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** A changed copy of the contract, as a developer adding a field to the deal would write it. */
public final class ContractCopy {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ContractCopy() {
    }

    /**
     * {@code openapi.yaml} in {@code folder}: the contract with one more member of the named schema (such as
     * {@code Offering}), given as YAML.
     */
    public static Path withMember(Path folder, String schemaName, String member, String memberYaml) {
        try (InputStream in = ContractCopy.class.getClassLoader().getResourceAsStream(DealSchema.RESOURCE)) {
            ObjectNode contract = (ObjectNode) YAML.readTree(in);
            ObjectNode properties = (ObjectNode) contract.path("components").path("schemas").path(schemaName)
                    .path("properties");
            properties.set(member, YAML.readTree(memberYaml));
            Path copy = folder.resolve("openapi.yaml");
            YAML.writeValue(copy.toFile(), contract);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
