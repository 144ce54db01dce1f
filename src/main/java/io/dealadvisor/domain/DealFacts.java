package io.dealadvisor.domain;

import java.util.ArrayList;
import java.util.List;

/** Everything known about one deal, as the separate facts the rules match on. Absent parts are null. */
public record DealFacts(Deal deal, Client client, Offering offering, Discovery discovery,
                        Infrastructure infrastructure, Incumbent incumbent, List<Milestone> milestones,
                        Pricing pricing, List<Competitor> competitors, Pressure pressure,
                        List<Incident> incidents) {

    public List<Object> facts() {
        List<Object> facts = new ArrayList<>(8 + milestones.size() + competitors.size() + incidents.size());
        for (Object fact : new Object[] {deal, client, offering, discovery, infrastructure, incumbent, pricing, pressure}) {
            if (fact != null) {
                facts.add(fact);
            }
        }
        facts.addAll(milestones);
        facts.addAll(competitors);
        facts.addAll(incidents);
        return facts;
    }
}
