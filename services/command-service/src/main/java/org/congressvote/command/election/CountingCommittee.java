package org.congressvote.command.election;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.congressvote.api.election.CloseRoundCommand;
import org.congressvote.api.election.CreateRoundKeyCommand;
import org.congressvote.api.election.SealedBallots;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.web.CommandSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The vote-counting committee's part in a sealed round: the key ceremony (a key pair per round, its private key split
 * k-of-n and handed out, never kept whole), and the opening of the box at the close, once k members have presented
 * valid shares. Shares presented wait here, in memory only, until the close; the rebuilt key lives for the close's
 * command only and is wiped after it. Not shared between instances: the members present their shares to one.
 */
@Component
class CountingCommittee {

    private static final Logger LOG = LoggerFactory.getLogger(CountingCommittee.class);
    static final String DEMO_HOLDER = "demo-committee";

    private final JdbcTemplate jdbc;
    private final CommandSender commands;
    private final RoundKeyRing keys;
    private final BallotBox box;
    private final boolean demoCommittee;
    /** roundId -> share number -> the share and who presented it. */
    private final Map<String, Map<Integer, Presented>> presented = new LinkedHashMap<>();
    /** Demo committee only: the single share of each round, presented by the server itself at the close. */
    private final Map<String, SealedBox.Share> demoShares = new LinkedHashMap<>();

    CountingCommittee(
            JdbcTemplate jdbc,
            CommandSender commands,
            RoundKeyRing keys,
            BallotBox box,
            CommandServiceProperties properties) {
        boolean demoCommittee = properties.counting().demoCommittee();
        this.jdbc = jdbc;
        this.commands = commands;
        this.keys = keys;
        this.box = box;
        this.demoCommittee = demoCommittee;
        if (demoCommittee) {
            LOG.warn("congress.counting.demo-committee is on: this server creates each round's key itself (1 of 1) "
                    + "and holds its only share in memory until the close. Never for a real congress.");
        }
    }

    record Presented(SealedBox.Share share, String member) {}

    /** What the ceremony hands out, once: a share per holder. */
    record KeyHandedOut(
            String electionId, String roundId, String publicKey, int sharesRequired, List<HandedShare> shares) {}

    record HandedShare(int number, String holder, String share) {}

    /** Where the opening stands after a share was presented. */
    record Opening(
            String electionId, String roundId, int presented, int required, List<String> presentedBy, boolean closed) {}

    private record RoundKey(
            String roundId, String publicKey, int sharesRequired, List<String> holders, List<String> shareHashes) {}

    synchronized KeyHandedOut ceremony(String electionId, int sharesRequired, List<String> holders, String createdBy) {
        String roundId = jdbc
                .queryForList(
                        "SELECT round_id FROM round_gate WHERE election_id = ? AND status = 'CREATED'",
                        String.class,
                        electionId)
                .stream()
                .findFirst()
                .orElseThrow(() -> new DomainRuleViolation(
                        ErrorCode.ELECTION_STATE, "Election " + electionId + " has no round waiting for its key."));
        if (holders == null
                || holders.isEmpty()
                || holders.size() > 255
                || holders.stream().anyMatch(h -> h == null || h.isBlank())) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "Name each member of the vote-counting committee who receives a share (1 to 255).");
        }
        if (sharesRequired < 1 || sharesRequired > holders.size()) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST,
                    "The shares required to open the box must be between 1 and the number of members.");
        }
        SealedBox.Ceremony ceremony = SealedBox.ceremony(roundId, sharesRequired, holders.size());
        commands.send(new CreateRoundKeyCommand(
                electionId,
                ceremony.publicKey(),
                sharesRequired,
                holders.stream().map(String::strip).toList(),
                ceremony.shareHashes(),
                createdBy));
        List<HandedShare> shares = new ArrayList<>();
        for (int i = 0; i < holders.size(); i++) {
            shares.add(new HandedShare(
                    i + 1, holders.get(i).strip(), ceremony.shares().get(i)));
        }
        return new KeyHandedOut(electionId, roundId, ceremony.publicKey(), sharesRequired, List.copyOf(shares));
    }

    /** Demo committee only: before a round opens, create its key (1 of 1) unless the committee already did. */
    synchronized void demoCeremonyIfNeeded(String electionId) {
        if (!demoCommittee) {
            return;
        }
        boolean waiting = !jdbc.queryForList(
                        "SELECT round_id FROM round_gate WHERE election_id = ? "
                                + "AND status = 'CREATED' AND public_key IS NULL",
                        String.class,
                        electionId)
                .isEmpty();
        if (waiting) {
            KeyHandedOut key = ceremony(electionId, 1, List.of(DEMO_HOLDER), DEMO_HOLDER);
            demoShares.put(
                    key.roundId(), SealedBox.parseShare(key.shares().get(0).share()));
        }
    }

    /** A member presents their share of the open round's key; the k-th valid share opens the box and closes the round. */
    synchronized Opening present(String electionId, String shareText, String member) {
        forgetClosedRounds();
        RoundKey round = openRound(electionId);
        SealedBox.Share share = SealedBox.parseShare(shareText);
        if (share == null
                || !share.roundId().equals(round.roundId())
                || share.number() > round.shareHashes().size()
                || !SealedBallots.shareHash(round.roundId(), share.number(), share.bytes())
                        .equals(round.shareHashes().get(share.number() - 1))) {
            throw new DomainRuleViolation(
                    ErrorCode.KEY_SHARE_INVALID,
                    "This is not one of the shares handed out for round " + round.roundId()
                            + ": check it letter by letter.");
        }
        Map<Integer, Presented> shares = presented.computeIfAbsent(round.roundId(), r -> new LinkedHashMap<>());
        if (shares.containsKey(share.number())) {
            throw new DomainRuleViolation(
                    ErrorCode.KEY_SHARE_INVALID,
                    "Share " + share.number() + " of round " + round.roundId() + " has already been presented.");
        }
        shares.put(share.number(), new Presented(share, member));
        LOG.info(
                "round {}: a share of its key presented by {} ({} of {})",
                round.roundId(),
                member,
                shares.size(),
                round.sharesRequired());
        if (shares.size() < round.sharesRequired()) {
            return new Opening(
                    electionId, round.roundId(), shares.size(), round.sharesRequired(), members(shares), false);
        }
        List<String> openedBy = members(shares);
        openAndClose(electionId, round);
        return new Opening(electionId, round.roundId(), openedBy.size(), round.sharesRequired(), openedBy, true);
    }

    /** The secretariat's close: proceeds only with the shares in hand (in demo mode, the server's own share). */
    synchronized Opening close(String electionId) {
        forgetClosedRounds();
        RoundKey round = openRound(electionId);
        SealedBox.Share demo = demoShares.get(round.roundId());
        if (demo != null) {
            presented
                    .computeIfAbsent(round.roundId(), r -> new LinkedHashMap<>())
                    .putIfAbsent(demo.number(), new Presented(demo, DEMO_HOLDER));
        }
        Map<Integer, Presented> shares = presented.getOrDefault(round.roundId(), Map.of());
        if (shares.size() < round.sharesRequired()) {
            throw new DomainRuleViolation(
                    ErrorCode.KEY_SHARES_MISSING,
                    shares.size() + " of the "
                            + round.sharesRequired() + " shares of round " + round.roundId()
                            + "'s key have been presented: the vote-counting committee must present the rest to open the box.");
        }
        List<String> openedBy = members(shares);
        openAndClose(electionId, round);
        return new Opening(electionId, round.roundId(), openedBy.size(), round.sharesRequired(), openedBy, true);
    }

    /** Shares presented so far for the open round (numbers and members, never the shares). */
    synchronized Opening status(String electionId) {
        forgetClosedRounds();
        RoundKey round = openRound(electionId);
        Map<Integer, Presented> shares = presented.getOrDefault(round.roundId(), Map.of());
        return new Opening(electionId, round.roundId(), shares.size(), round.sharesRequired(), members(shares), false);
    }

    /**
     * Wipes the shares this instance holds for rounds that are closed: a round closed through another
     * instance leaves the shares presented here behind, and k of them, with a copy of the WAL, would still open its
     * ciphertexts.
     */
    private void forgetClosedRounds() {
        if (presented.isEmpty() && demoShares.isEmpty()) {
            return;
        }
        List<String> held = new ArrayList<>(presented.keySet());
        held.addAll(demoShares.keySet());
        List<String> open = jdbc.queryForList(
                "SELECT round_id FROM round_gate WHERE status <> 'CLOSED' AND round_id = ANY (?)",
                String.class,
                (Object) held.toArray(String[]::new));
        presented.entrySet().removeIf(e -> {
            if (open.contains(e.getKey())) {
                return false;
            }
            e.getValue().values().forEach(p -> Arrays.fill(p.share().bytes(), (byte) 0));
            return true;
        });
        demoShares.entrySet().removeIf(e -> {
            if (open.contains(e.getKey())) {
                return false;
            }
            Arrays.fill(e.getValue().bytes(), (byte) 0);
            return true;
        });
    }

    /** How many rounds this instance holds shares of (for tests of what is left in memory). */
    synchronized int roundsHeld() {
        return presented.size() + demoShares.size();
    }

    private void openAndClose(String electionId, RoundKey round) {
        Map<Integer, Presented> shares = presented.remove(round.roundId());
        List<String> openedBy = members(shares);
        SealedBox.OpenKey key = SealedBox.rebuild(
                shares.values().stream().map(Presented::share).toList(), round.sharesRequired(), round.publicKey());
        shares.values().forEach(p -> Arrays.fill(p.share().bytes(), (byte) 0));
        if (key == null) {
            throw new DomainRuleViolation(
                    ErrorCode.KEY_SHARE_INVALID,
                    "The shares presented do not rebuild round " + round.roundId()
                            + "'s key: every member must present their share again.");
        }
        keys.put(round.roundId(), key);
        try {
            commands.send(new CloseRoundCommand(electionId, openedBy));
            demoShares.remove(round.roundId());
        } finally {
            keys.wipe(round.roundId());
        }
        box.sweep();
    }

    private RoundKey openRound(String electionId) {
        Optional<RoundKey> round = jdbc
                .query(
                        "SELECT round_id, public_key, shares_required, share_holders, share_hashes "
                                + "FROM round_gate WHERE election_id = ? AND status = 'OPEN'",
                        (rs, n) -> new RoundKey(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getInt(3),
                                rs.getArray(4) == null
                                        ? List.of()
                                        : Arrays.asList(
                                                (String[]) rs.getArray(4).getArray()),
                                rs.getArray(5) == null
                                        ? List.of()
                                        : Arrays.asList(
                                                (String[]) rs.getArray(5).getArray())),
                        electionId)
                .stream()
                .findFirst();
        RoundKey key = round.orElseThrow(() ->
                new DomainRuleViolation(ErrorCode.ELECTION_STATE, "No round of election " + electionId + " is open."));
        if (key.publicKey() == null) {
            throw new DomainRuleViolation(
                    ErrorCode.BALLOT_BOX_KEY_MISSING,
                    "Round " + key.roundId() + " has no key: it was opened before ballots were sealed.");
        }
        return key;
    }

    private static List<String> members(Map<Integer, Presented> shares) {
        return shares.values().stream().map(Presented::member).toList();
    }
}
