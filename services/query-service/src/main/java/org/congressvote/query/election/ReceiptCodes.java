package org.congressvote.query.election;

import org.congressvote.api.election.ReceiptCode;
import org.congressvote.query.web.ViewProblem;

/** Receipt codes as delegates type them (any case, spaces or dashes), turned into the hash published beside the ballot. */
final class ReceiptCodes {

    private ReceiptCodes() {}

    static String normalise(String typed) {
        return ReceiptCode.normalise(typed)
                .orElseThrow(() -> ViewProblem.badRequest("A receipt code is made of "
                        + "letters and digits, as printed on the receipt, e.g. ABCD-EFGH-JKLM."));
    }

    static String hash(String typed) {
        return ReceiptCode.hash(normalise(typed));
    }
}
