package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;

/**
 * Accepts a date only as an ISO-8601 string ({@code 2026-12-15}); no arrays, numbers or impossible days,
 * which the default Java time support would accept or coerce.
 */
public final class IsoDateDeserializer extends StdScalarDeserializer<LocalDate> {

    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd")
            .withResolverStyle(ResolverStyle.STRICT);

    /** The formatter alone would also take extended years such as {@code +999999999-12-31}. */
    private static final Pattern FOUR_DIGIT_YEAR = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    public IsoDateDeserializer() {
        super(LocalDate.class);
    }

    @Override
    public LocalDate deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            return (LocalDate) context.handleUnexpectedToken(LocalDate.class, parser);
        }
        String text = parser.getText();
        if (!FOUR_DIGIT_YEAR.matcher(text).matches()) {
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date");
        }
        try {
            return LocalDate.parse(text, ISO);
        } catch (DateTimeParseException e) {
            return (LocalDate) context.handleWeirdStringValue(LocalDate.class, text, "not a date");
        }
    }
}
