package org.congressvote.api.error;

import java.util.List;

/** A roster import refused as a whole, with every bad row and why; nothing of it was stored. */
public class RosterRejected extends DomainRuleViolation {

    private final List<RowProblem> problems;

    public RosterRejected(List<RowProblem> problems) {
        super(ErrorCode.ROSTER_REJECTED, problems.size() + " row(s) of the roster are wrong; nothing was imported.");
        this.problems = List.copyOf(problems);
    }

    public List<RowProblem> problems() {
        return problems;
    }

    /** {@code row} counts the file's lines from 1, the header included. */
    public record RowProblem(int row, String delegateId, String problem) {}
}
