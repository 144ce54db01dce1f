package io.dealadvisor.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.intake.DealBodies;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.ShapedReader;
import io.dealadvisor.intake.StrictJson;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;

/** The service's JSON is strict (no coercion of wrong types), and deals are read the same way everywhere. */
@Singleton
public class JsonConfig implements ObjectMapperCustomizer {

    private final DealAdvisorConfig.Limits limits;

    public JsonConfig(DealAdvisorConfig config) {
        this.limits = config.limits();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.configure(mapper);
        // Every JSON body is held to the limits while it is parsed, before anything is built from it. The deal
        // reader checks each string of a deal against max-string-length and names its field; the parser only stops
        // strings, documents and token streams that could not fit in a body anyway.
        int maxBytes = (int) Math.min(Integer.MAX_VALUE, limits.maxBodySize().asLongValue());
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxDocumentLength(maxBytes)
                .maxTokenCount(maxBytes)
                .maxStringLength(maxBytes)
                .maxNameLength(limits.maxStringLength())
                .maxNumberLength(ShapedReader.MAX_NUMBER_LENGTH)
                .maxNestingDepth(limits.maxNestingDepth())
                .build());
    }

    @Produces
    @Singleton
    DealReader dealReader(ObjectMapper mapper, Validator validator) {
        return new DealReader(mapper, validator, limits.maxListSize(), limits.maxStringLength());
    }

    @Produces
    @Singleton
    DealBodies dealBodies(ObjectMapper mapper, DealReader reader) {
        return new DealBodies(mapper, reader, limits.maxBodySize().asLongValue(), limits.maxBatch());
    }
}
