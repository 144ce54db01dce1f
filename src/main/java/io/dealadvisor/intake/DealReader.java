package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dealadvisor.domain.Client;
import io.dealadvisor.domain.Competitor;
import io.dealadvisor.domain.Deal;
import io.dealadvisor.domain.DealFacts;
import io.dealadvisor.domain.Discovery;
import io.dealadvisor.domain.Incident;
import io.dealadvisor.domain.Incumbent;
import io.dealadvisor.domain.Infrastructure;
import io.dealadvisor.domain.Milestone;
import io.dealadvisor.domain.Offering;
import io.dealadvisor.domain.Pressure;
import io.dealadvisor.domain.Pricing;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a deal from JSON, checks it, and turns it into the facts the rules see. The same reading serves the
 * single and batch endpoints, the scenarios and the command-line tools, so a deal means the same everywhere.
 */
public final class DealReader {

    private static final Comparator<FieldError> BY_FIELD =
            Comparator.comparing(FieldError::field).thenComparing(FieldError::message);

    /** Entries allowed in each of a deal's lists unless configured otherwise. */
    public static final int MAX_LIST_SIZE = 100;
    /** Characters allowed in any one string of a deal unless configured otherwise. */
    public static final int MAX_STRING_LENGTH = 10_000;

    private final ObjectMapper mapper;
    private final Validator validator;
    private final ShapedReader<DealRequest> deals;

    public DealReader(ObjectMapper mapper, Validator validator, int maxListSize, int maxStringLength) {
        this.mapper = mapper;
        this.validator = validator;
        this.deals = new ShapedReader<>(mapper, DealRequest.class, maxListSize, maxStringLength);
    }

    /** A reader for use outside Quarkus: the strict mapper and a validator that needs no expression language. */
    public static DealReader standalone() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new DealReader(StrictJson.newMapper(), validator, MAX_LIST_SIZE, MAX_STRING_LENGTH);
    }

    /** A deal that was read, or why it could not be. */
    public record Reading(DealRequest deal, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** The deal, checked; or an {@link InvalidDealException} naming every bad field. */
    public DealRequest readValid(JsonNode json) {
        Reading reading = read(json);
        if (!reading.ok()) {
            throw new InvalidDealException(reading.errors());
        }
        return reading.deal();
    }

    /** A deal from a JSON tree (a scenario, a deals file), read exactly as one that arrives in a request body. */
    public Reading read(JsonNode json) {
        if (json == null || json.isMissingNode()) {
            return required();
        }
        try (JsonParser parser = json.traverse(mapper)) {
            parser.nextToken();
            return read(parser);
        } catch (IOException e) {
            throw new UncheckedIOException("a JSON tree could not be read", e);
        }
    }

    /**
     * The deal at the parser's current token, read while the parser runs (so its cost follows its size) and
     * checked; the parser is left on the deal's last token. A syntax error or a limit of the parser itself ends the
     * reading with that exception.
     */
    public Reading read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == null || token == JsonToken.VALUE_NULL) {
            return required();
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            return new Reading(null, List.of(new FieldError("", "must be a JSON object")));
        }
        ShapedReader.Read<DealRequest> read = deals.read(parser);
        DealRequest deal = read.value();
        List<FieldError> errors = new ArrayList<>(read.unreadable());
        errors.addAll(read.overLimit());
        if (deal != null) {
            Set<String> unreadable = new HashSet<>();
            read.unreadable().forEach(error -> unreadable.add(error.field()));
            for (FieldError error : check(deal)) {
                if (!withinAny(error.field(), unreadable)) {
                    errors.add(error);
                }
            }
        }
        errors.sort(BY_FIELD);
        return new Reading(errors.isEmpty() ? deal : null, List.copyOf(errors));
    }

    private static Reading required() {
        return new Reading(null, List.of(new FieldError("", "a deal is required, as a JSON object")));
    }

    /** Whether {@code field} is one of {@code outer} or lies inside one ({@code client.name} inside {@code client}). */
    private static boolean withinAny(String field, Set<String> outer) {
        if (outer.isEmpty()) {
            return false;
        }
        for (int end = 0; end <= field.length(); end++) {
            if ((end == field.length() || field.charAt(end) == '.' || field.charAt(end) == '[')
                    && outer.contains(field.substring(0, end))) {
                return true;
            }
        }
        return false;
    }

    /** The declared checks of a deal that could be read, each with its path from the deal's root. */
    public List<FieldError> check(DealRequest deal) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<DealRequest> violation : validator.validate(deal)) {
            errors.add(new FieldError(path(violation.getPropertyPath()), violation.getMessage()));
        }
        errors.sort(BY_FIELD);
        return errors;
    }

    /** A Bean Validation path as names and indexes from the deal's root: {@code milestones[0].due}. */
    private static String path(Path propertyPath) {
        StringBuilder path = new StringBuilder();
        for (Path.Node node : propertyPath) {
            if (node.getIndex() != null) {
                path.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && !node.getName().startsWith("<")) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(node.getName());
            }
        }
        return path.toString();
    }

    /** The facts of a checked deal; {@code today} stands in for a missing {@code asOf}. Blank texts become null. */
    public static DealFacts toFacts(DealRequest request, LocalDate today) {
        DealRequest.Client client = request.client();
        DealRequest.Offering offering = request.offering();
        DealRequest.Discovery discovery = request.discovery();
        DealRequest.Infrastructure infrastructure = request.infrastructure();
        DealRequest.Incumbent incumbent = request.incumbent();
        DealRequest.Pricing pricing = request.pricing();
        DealRequest.Pressure pressure = request.pressure();
        return new DealFacts(
                new Deal(request.id(), request.asOf() == null ? today : request.asOf()),
                new Client(text(client.name()), client.relationshipYears(), client.lifetimeValue(),
                        client.statedNoNeed(), client.needConfirmed()),
                new Offering(text(offering.name()), offering.category(), offering.novelty(), offering.amount(),
                        text(offering.currency())),
                discovery == null ? null : new Discovery(discovery.problemDiagnosed(), text(discovery.desiredOutcome()),
                        discovery.positioning(), discovery.requirementsCovered(), discovery.nothingNeeded()),
                infrastructure == null ? null : new Infrastructure(infrastructure.fit(),
                        infrastructure.approvalsRequired(), infrastructure.politicalResistance()),
                incumbent == null ? null : new Incumbent(text(incumbent.vendor()), incumbent.sameCategory(),
                        incumbent.clientSatisfied()),
                positioned(request.milestones(), (m, position) -> new Milestone(position, text(m.name()), m.due(),
                        m.status())),
                pricing == null ? null : new Pricing(pricing.ourPrice(), pricing.lowestCompetitorPrice()),
                positioned(request.competitors(), (c, position) -> new Competitor(position, text(c.name()),
                        c.fitsRequirements(), c.fitsInfrastructure())),
                pressure == null ? null : new Pressure(pressure.internalPushToClose(), text(pressure.reason())),
                positioned(request.incidents(), (i, position) -> new Incident(position, text(i.id()),
                        text(i.summary()), zeroIfAbsent(i.clientLoss()), i.apologized(),
                        zeroIfAbsent(i.amendsOffered()), i.resolved())));
    }

    private static <I, F> List<F> positioned(List<I> inputs, BiFunction<I, Integer, F> fact) {
        if (inputs == null) {
            return List.of();
        }
        List<F> facts = new ArrayList<>(inputs.size());
        for (int position = 0; position < inputs.size(); position++) {
            facts.add(fact.apply(inputs.get(position), position));
        }
        return facts;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static BigDecimal zeroIfAbsent(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO : amount;
    }
}
