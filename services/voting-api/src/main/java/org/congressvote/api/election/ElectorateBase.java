package org.congressvote.api.election;

import org.congressvote.api.motion.DecisionRule;

/**
 * Whose base a round's count applied, said the one way the minutes and the views say it: "245 đại biểu triệu tập, quá
 * nửa là 123" for the congress, "33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17" for a body of its own.
 */
public final class ElectorateBase {

    private ElectorateBase() {}

    /**
     * The body's name as the minutes print it: an election's title without a leading "Bầu" ("Bầu Ban Chấp hành" forms
     * the "Ban Chấp hành").
     */
    public static String bodyName(String electionTitle) {
        if (electionTitle == null) {
            return null;
        }
        String name = electionTitle.strip();
        return name.regionMatches(true, 0, "Bầu ", 0, 4) ? name.substring(4).strip() : name;
    }

    /** {@code electorateTitle}: the body's name, null for the congress. */
    public static String text(String electorateTitle, DecisionRule rule, long baseCount, long threshold) {
        String who = electorateTitle == null ? "đại biểu" : "ủy viên " + electorateTitle;
        String base = switch (rule.base()) {
            case SUMMONED -> baseCount + " " + who + " triệu tập";
            case PRESENT -> baseCount + " " + who + " có mặt";
            case VALID_BALLOTS -> baseCount + " phiếu hợp lệ";
        };
        String share = rule.strictlyMore()
                        && rule.fraction().numerator() * 2 == rule.fraction().denominator()
                ? "quá nửa"
                : (rule.strictlyMore() ? "hơn " : "ít nhất ") + rule.fraction();
        return base + ", " + share + " là " + threshold;
    }
}
