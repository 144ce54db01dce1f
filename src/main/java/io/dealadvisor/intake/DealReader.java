package io.dealadvisor.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
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

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a deal from JSON, checks it, and turns it into the facts the rules see. The same reading serves the
 * single and batch endpoints, the scenarios and the command-line tools, so a deal means the same everywhere.
 */
public final class DealReader {

    /** Entries allowed in each of a deal's lists unless configured otherwise. */
    public static final int MAX_LIST_SIZE = 100;

    private final ObjectMapper mapper;
    private final Validator validator;
    private final int maxListSize;

    public DealReader(ObjectMapper mapper, Validator validator, int maxListSize) {
        this.mapper = mapper;
        this.validator = validator;
        this.maxListSize = maxListSize;
    }

    /** A reader for use outside Quarkus: the strict mapper and a validator that needs no expression language. */
    public static DealReader standalone() {
        Validator validator = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory().getValidator();
        return new DealReader(StrictJson.newMapper(), validator, MAX_LIST_SIZE);
    }

    /** A deal that was read, or why it could not be. */
    public record Reading(DealRequest deal, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public Reading read(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return new Reading(null, List.of(new FieldError("", "a deal is required, as a JSON object")));
        }
        if (!json.isObject()) {
            return new Reading(null, List.of(new FieldError("", "must be a JSON object")));
        }
        DealRequest deal;
        try {
            deal = mapper.treeToValue(json, DealRequest.class);
        } catch (JsonProcessingException e) {
            return new Reading(null, List.of(JacksonErrors.toFieldError(e)));
        }
        return new Reading(deal, check(deal));
    }

    public List<FieldError> check(DealRequest deal) {
        List<FieldError> errors = new ArrayList<>(fieldErrors(validator.validate(deal), 0));
        errors.addAll(listLimits(deal));
        return errors;
    }

    /** The lists of a deal that are longer than this service accepts. */
    public List<FieldError> listLimits(DealRequest deal) {
        List<FieldError> errors = new ArrayList<>();
        checkSize("milestones", deal.milestones(), errors);
        checkSize("competitors", deal.competitors(), errors);
        checkSize("incidents", deal.incidents(), errors);
        return errors;
    }

    private void checkSize(String field, List<?> list, List<FieldError> errors) {
        if (list != null && list.size() > maxListSize) {
            errors.add(new FieldError(field, "holds " + list.size() + " entries; at most " + maxListSize
                    + " are accepted"));
        }
    }

    /**
     * Field errors from Bean Validation, with paths from the deal's root; {@code skipNodes} drops leading
     * nodes (a method and parameter name when validating a resource method's argument).
     */
    public static List<FieldError> fieldErrors(Set<? extends ConstraintViolation<?>> violations, int skipNodes) {
        List<FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : violations) {
            errors.add(new FieldError(path(violation.getPropertyPath(), skipNodes), violation.getMessage()));
        }
        errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
        return errors;
    }

    private static String path(Path propertyPath, int skipNodes) {
        StringBuilder path = new StringBuilder();
        int index = 0;
        for (Path.Node node : propertyPath) {
            if (index++ < skipNodes) {
                continue;
            }
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
