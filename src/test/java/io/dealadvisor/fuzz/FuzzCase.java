package io.dealadvisor.fuzz;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealadvisor.fuzz.BadBodies.Kind;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One request of a fuzz run: the body, whether it goes to the batch endpoint, and, when every deal in it is
 * valid, the deal ids the advice must carry. All cases of a run come from one seed, so a run can be repeated.
 */
record FuzzCase(int number, String kind, boolean batch, byte[] body, List<String> dealIds) {

    /** Valid deals must be advised; for anything else a 4xx problem is as right an answer as advice. */
    boolean mustBeAdvised() {
        return dealIds != null;
    }

    static List<FuzzCase> generate(long seed, int count, int batchPercent) {
        Random random = new Random(seed);
        RandomDeals deals = new RandomDeals(random);
        BadBodies bad = new BadBodies(random, deals);
        List<FuzzCase> cases = new ArrayList<>(count);
        for (int number = 0; number < count; number++) {
            cases.add(random.nextInt(100) < batchPercent ? batch(number, random, deals, bad)
                    : single(number, random, deals, bad));
        }
        return cases;
    }

    /** A valid deal one time in four, else a deal with one kind of mutation. */
    private static FuzzCase single(int number, Random random, RandomDeals deals, BadBodies bad) {
        ObjectNode deal = deals.deal();
        if (random.nextInt(4) == 0) {
            return new FuzzCase(number, "VALID", false, BadBodies.write(deal), List.of(deal.get("id").asText()));
        }
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return new FuzzCase(number, kind.name(), false, bad.mutate(kind, deal), null);
    }

    /**
     * Up to eight deals, most valid, some with a mutation that keeps the array readable, some not deals at all;
     * one batch in six is then mutated as bytes, and one in fifty holds more deals than a batch may.
     */
    private static FuzzCase batch(int number, Random random, RandomDeals deals, BadBodies bad) {
        if (random.nextInt(50) == 0) {
            return new FuzzCase(number, "BATCH_TOO_LARGE", true, array(Collections.nCopies(1001, BadBodies.utf8("{}"))), null);
        }
        List<byte[]> items = new ArrayList<>();
        List<String> dealIds = new ArrayList<>();
        for (int size = random.nextInt(9); size > 0; size--) {
            ObjectNode deal = deals.deal();
            int choice = random.nextInt(10);
            if (choice < 6) {
                dealIds.add(deal.get("id").asText());
                items.add(BadBodies.write(deal));
            } else if (choice < 9) {
                List<Kind> wellFormed = List.copyOf(BadBodies.WELL_FORMED);
                items.add(bad.mutate(wellFormed.get(random.nextInt(wellFormed.size())), deal));
            } else {
                items.add(BadBodies.write(deals.value(3)));
            }
        }
        byte[] body = array(items);
        if (random.nextInt(6) == 0) {
            List<Kind> ofBytes = List.copyOf(BadBodies.OF_BYTES);
            Kind kind = ofBytes.get(random.nextInt(ofBytes.size()));
            return new FuzzCase(number, "BATCH_" + kind, true, bad.mutateBytes(kind, body), null);
        }
        boolean allValid = dealIds.size() == items.size();
        return new FuzzCase(number, allValid ? "BATCH_VALID" : "BATCH_MIXED", true, body, allValid ? dealIds : null);
    }

    private static byte[] array(List<byte[]> items) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(items.get(i));
        }
        out.write(']');
        return out.toByteArray();
    }
}
