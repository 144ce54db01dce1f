package io.dealadvisor.testing;

/**
 * A fresh copy of the shipped rules as the shadow candidate ({@code deal-advisor.shadow.dir}), with the files given as
 * arguments written into it, as {@link ShippedRulesCopy} does for the live rules.
 */
public class ShadowCandidateCopy extends ShippedRulesCopy {

    @Override
    protected String folderKey() {
        return "deal-advisor.shadow.dir";
    }
}
