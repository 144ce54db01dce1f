package io.dealadvisor.testing;

/** A fresh copy of the shipped rules as the shadow candidate, {@code deal-advisor.shadow.dir}; arguments as its parent's. */
public class ShadowCandidateCopy extends ShippedRulesCopy {

    @Override
    protected String folderKey() {
        return "deal-advisor.shadow.dir";
    }
}
