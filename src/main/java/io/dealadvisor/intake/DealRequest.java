package io.dealadvisor.intake;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import io.dealadvisor.domain.Category;
import io.dealadvisor.domain.InfrastructureFit;
import io.dealadvisor.domain.MilestoneStatus;
import io.dealadvisor.domain.Novelty;
import io.dealadvisor.domain.Positioning;
import io.dealadvisor.domain.Resistance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A deal as callers send it (docs/api.md). Unknown fields are ignored; every check is declared here. */
public record DealRequest(
        @NotBlank(message = "is required") @Size(max = 128, message = "must be 1 to 128 characters")
        @Pattern(regexp = NO_CONTROL_CHARACTERS, message = CONTROL_CHARACTER) String id,
        @JsonDeserialize(using = IsoDateDeserializer.class) LocalDate asOf,
        @NotNull(message = "is required") @Valid Client client,
        @NotNull(message = "is required") @Valid Offering offering,
        @Valid Discovery discovery,
        @Valid Infrastructure infrastructure,
        @Valid Incumbent incumbent,
        List<@Valid Milestone> milestones,
        @Valid Pricing pricing,
        List<@Valid Competitor> competitors,
        @Valid Pressure pressure,
        List<@Valid Incident> incidents) {

    /** The same deal with the date it was decided for filled in: the deal as the service read it. */
    public DealRequest decidedFor(LocalDate date) {
        return new DealRequest(id, date, client, offering, discovery, infrastructure, incumbent, milestones, pricing,
                competitors, pressure, incidents);
    }

    /**
     * Ids are written into log lines and used to find records again (erasure), so they hold no control character:
     * a line break in an id could forge a log line.
     */
    static final String NO_CONTROL_CHARACTERS = "[^\\x00-\\x1F\\x7F]*";
    static final String CONTROL_CHARACTER = "must not contain control characters (U+0000 to U+001F, U+007F)";

    public record Client(
            @Size(min = 1, max = 128, message = "must be 1 to 128 characters")
            @Pattern(regexp = NO_CONTROL_CHARACTERS, message = CONTROL_CHARACTER) String id,
            @NotBlank(message = "is required") String name,
            @PositiveOrZero(message = "must be zero or more") Integer relationshipYears,
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal lifetimeValue,
            Boolean statedNoNeed,
            Boolean needConfirmed) {
    }

    public record Offering(
            @NotBlank(message = "is required") String name,
            Category category,
            Novelty novelty,
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal amount,
            @Iso4217 String currency) {
    }

    public record Discovery(
            Boolean problemDiagnosed,
            String desiredOutcome,
            Positioning positioning,
            @DecimalMin(value = "0", message = "must be between 0 and 1")
            @DecimalMax(value = "1", message = "must be between 0 and 1") BigDecimal requirementsCovered,
            Boolean nothingNeeded) {
    }

    /** Amounts are written out in full in actions and explanations, so their size is bounded. */
    static final String MONEY = "must be less than 1000000000000000 (10^15)";

    public record Infrastructure(
            InfrastructureFit fit,
            @PositiveOrZero(message = "must be zero or more") Integer approvalsRequired,
            Resistance politicalResistance) {
    }

    public record Incumbent(String vendor, Boolean sameCategory, Boolean clientSatisfied) {
    }

    public record Milestone(
            String name,
            @JsonDeserialize(using = IsoDateDeserializer.class) LocalDate due,
            MilestoneStatus status) {
    }

    public record Pricing(
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal ourPrice,
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal lowestCompetitorPrice) {
    }

    public record Competitor(String name, Boolean fitsRequirements, Boolean fitsInfrastructure) {
    }

    public record Pressure(Boolean internalPushToClose, String reason) {
    }

    public record Incident(
            @Pattern(regexp = NO_CONTROL_CHARACTERS, message = CONTROL_CHARACTER) String id,
            String summary,
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal clientLoss,
            Boolean apologized,
            @PositiveOrZero(message = "must be zero or more") @DecimalMax(value = "1E15", inclusive = false, message = MONEY) BigDecimal amendsOffered,
            Boolean resolved) {
    }
}
