package io.dealadvisor.api;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.DealAdvisorConfig;
import io.dealadvisor.intake.DealReader;
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
        // The reader checks each string of a deal against max-string-length and names its field; the parser only
        // stops strings that could not fit in a body anyway.
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxBodySize().asLongValue()))
                .maxNestingDepth(limits.maxNestingDepth())
                .build());
    }

    @Produces
    @Singleton
    DealReader dealReader(ObjectMapper mapper, Validator validator) {
        return new DealReader(mapper, validator, limits.maxListSize(), limits.maxStringLength());
    }
}
