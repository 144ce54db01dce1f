package io.dealadvisor.engine;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;

/** Something wrong in the rules folder: the file (relative to the folder), the line when known, and what. */
@JsonSerialize(using = RuleProblem.Json.class)
public record RuleProblem(String file, Integer line, String message) {

    @Override
    public String toString() {
        return file + (line == null ? "" : ":" + line) + ": " + message;
    }

    /**
     * Always all three members, {@code "line": null} included, as the API's contract requires: the serializers Quarkus
     * 3.36 generates at build time leave out a boxed number that is null.
     */
    static final class Json extends StdSerializer<RuleProblem> {
        Json() {
            super(RuleProblem.class);
        }

        @Override
        public void serialize(RuleProblem problem, JsonGenerator json, SerializerProvider provider) throws IOException {
            json.writeStartObject();
            json.writeStringField("file", problem.file());
            json.writeFieldName("line");
            if (problem.line() == null) {
                json.writeNull();
            } else {
                json.writeNumber(problem.line());
            }
            json.writeStringField("message", problem.message());
            json.writeEndObject();
        }
    }
}
