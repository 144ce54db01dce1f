package io.dealadvisor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.dealadvisor.intake.BodyTooLargeException;
import io.dealadvisor.intake.DealReader;
import io.dealadvisor.intake.FieldError;
import io.dealadvisor.intake.IsoDateDeserializer;
import io.dealadvisor.intake.JacksonErrors;
import io.dealadvisor.intake.ShapedReader;
import io.dealadvisor.records.RecordedOutcome;

import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An outcome as a sales system reports it for a decision, read as strictly as a deal: no coercion of wrong types,
 * every bad field named at once. Unknown fields are ignored.
 */
public record OutcomeReport(RecordedOutcome.Result result, Boolean adviceFollowed, Boolean clientRetained,
                           @JsonDeserialize(using = IsoDateDeserializer.class) LocalDate reportedOn) {

    /** The outcome to store, reported by {@code by}: a report without {@code reportedOn} is of today, in UTC. */
    RecordedOutcome toRecorded(String by) {
        return new RecordedOutcome(result.name(), adviceFollowed, clientRetained,
                reportedOn == null ? LocalDate.now(ZoneOffset.UTC) : reportedOn, by);
    }

    /** A report that could be read, or what is wrong with it. */
    record Reading(OutcomeReport report, List<FieldError> errors) {
    }

    /** The reader of outcome reports: its shape is worked out once, not per report. */
    static ShapedReader<OutcomeReport> reader(ObjectMapper mapper) {
        // an outcome has no lists, and its strings are enum names
        return new ShapedReader<>(mapper, OutcomeReport.class, 0, DealReader.MAX_STRING_LENGTH);
    }

    static Reading read(ObjectMapper mapper, ShapedReader<OutcomeReport> reader, InputStream body)
            throws IOException {
        ShapedReader.Read<OutcomeReport> read;
        try (JsonParser parser = mapper.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null || token == JsonToken.VALUE_NULL) {
                return failed(List.of(new FieldError("", "an outcome is required, as a JSON object")));
            }
            if (token != JsonToken.START_OBJECT) {
                return failed(List.of(new FieldError("", "must be a JSON object")));
            }
            read = reader.read(parser);
            if (parser.nextToken() != null) {
                return failed(List.of(JacksonErrors.trailingContent(parser)));
            }
        } catch (JsonProcessingException e) {
            if (BodyTooLargeException.isDocumentLength(e)) {
                throw new BodyTooLargeException();
            }
            return failed(List.of(JacksonErrors.toFieldError(e)));
        }
        OutcomeReport report = read.value();
        List<FieldError> errors = new ArrayList<>(read.unreadable());
        if (report == null) {
            return failed(errors);
        }
        if (report.result == null && errors.stream().noneMatch(error -> error.field().equals("result"))) {
            errors.add(new FieldError("result", "is required"));
        }
        if (report.adviceFollowed == null && errors.stream().noneMatch(error -> error.field().equals("adviceFollowed"))) {
            errors.add(new FieldError("adviceFollowed", "is required"));
        }
        return errors.isEmpty() ? new Reading(report, List.of()) : failed(errors);
    }

    private static Reading failed(List<FieldError> errors) {
        List<FieldError> sorted = new ArrayList<>(errors);
        sorted.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return new Reading(null, List.copyOf(sorted));
    }
}
