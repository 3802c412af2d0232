package org.congressvote.command.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.congressvote.api.congress.AcceptCredentialsCommand;
import org.congressvote.api.congress.CheckInDelegateCommand;
import org.congressvote.api.congress.CompleteCredentialsVerificationCommand;
import org.congressvote.api.congress.CreateCongressCommand;
import org.congressvote.api.congress.Fraction;
import org.congressvote.api.congress.ImportRosterCommand;
import org.congressvote.api.congress.OpenSessionCommand;
import org.congressvote.api.congress.RosterEntry;
import org.congressvote.api.election.Candidate;
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.ElectionProcedure;
import org.congressvote.api.election.NominateCandidateCommand;
import org.congressvote.api.election.NominationKind;
import org.congressvote.api.election.ProposeSeatsCommand;
import org.congressvote.api.motion.CreateMotionCommand;
import org.congressvote.api.motion.DecisionRule;
import org.congressvote.api.motion.MotionKind;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.gate.VotingGate;
import org.congressvote.command.identity.Identities;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Seeds the demo congress (congress.demo.enabled=true, used by run-local.sh --demo): convened with its organisations
 * and roster, credentials accepted, session open, the 245 delegates checked in, and its agenda (docs/domain.md) ready
 * for the hall: the procedural motions, the resolution with its targets, the executive committee's election with the
 * presidium's 37 names and its seats (33, surplus 4) put to the congress, the delegation to the city congress (20 seats
 * and 3 alternates allocated, the presidium's 28 names, its surplus put to the congress), and the first plenum's
 * elections, whose electorate is the committee. Every step goes through the same
 * commands and rules as the secretariat's; the delegates' card codes go to a file for the person running the demo.
 * <p>
 * The seed prepares the agenda and votes nothing: the votes are the hall's (phones, or the README's curl), so the
 * one-command start stays quick and every item can be shown from the console. DemoCongressIntegrationTest runs the
 * whole agenda to the committee's election and the plenum's standing committee as the hall would.
 */
@Component
@ConditionalOnProperty(name = "congress.demo.enabled", havingValue = "true")
class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);

    private final CommandGateway commands;
    private final VotingGate gate;
    private final Identities identities;
    private final String cardsFile;

    DemoSeeder(CommandGateway commands, VotingGate gate, Identities identities, CommandServiceProperties properties) {
        this.commands = commands;
        this.gate = gate;
        this.identities = identities;
        this.cardsFile = properties.demo().cardsFile();
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() throws IOException {
        if (gate.congressExists(SeedCongress.ID)) {
            LOG.info("demo: congress {} exists already; not seeded again", SeedCongress.ID);
            return;
        }
        seedCongress();
    }

    /** Runs the whole seed; returns the card codes by delegate. */
    List<String[]> seedCongress() throws IOException {
        String c = SeedCongress.ID;
        send(new CreateCongressCommand(c, SeedCongress.NAME, Fraction.TWO_THIRDS, SeedCongress.organisations()));
        List<RosterEntry> roster = SeedCongress.roster();
        send(new ImportRosterCommand(c, roster));
        roster.forEach(entry -> send(new AcceptCredentialsCommand(c, entry.delegateId())));
        send(new CompleteCredentialsVerificationCommand(c));
        send(new OpenSessionCommand(c));
        List<String[]> cards = new ArrayList<>();
        for (int i = 1; i <= SeedCongress.DELEGATES; i++) {
            String delegate = String.format("D%03d", i);
            send(new CheckInDelegateCommand(c, delegate));
            cards.add(new String[] {delegate, SeedCongress.name(i), identities.issueCard(c, delegate)});
        }
        // AGENDA 1 to 6: the presidium, the secretariat, the agenda, the working rules, the credentials committee and
        // the vote-counting committee, by show of hands; AGENDA 7: the resolution with its targets
        for (String[] motion : SeedCongress.PROCEDURAL) {
            send(new CreateMotionCommand(
                    motion[0], c, motion[1], MotionKind.PROCEDURAL, DecisionRule.MAJORITY_OF_SUMMONED));
        }
        send(new CreateMotionCommand(
                "nghi-quyet",
                c,
                "Thông qua Nghị quyết Đại hội nhiệm kỳ 2015 - 2020",
                MotionKind.RESOLUTION,
                DecisionRule.MAJORITY_OF_SUMMONED,
                SeedCongress.RESOLUTION_TEXT));
        seedExecutiveCommitteeElection(c);
        seedDelegationElection(c);
        seedFirstPlenumElections(c);
        writeCards(cards);
        LOG.info(
                "demo: congress {} seeded: {} delegates of {} organisations in session, {} motions and {} elections"
                        + " ready (the first plenum's {} wait for the executive committee to be elected)",
                c,
                SeedCongress.DELEGATES,
                SeedCongress.ORGANISATIONS,
                SeedCongress.PROCEDURAL.length + 3,
                2 + SeedCongress.PLENUM.length,
                SeedCongress.PLENUM.length);
        return cards;
    }

    /**
     * AGENDA 8: the executive committee. The congress votes its seats (SEATS_VOTED): the presidium's list of 37 is
     * recorded and its proposal of 33 seats with a surplus of 4 is put to the congress as a motion, ready to open. The
     * list is put once the congress has voted the seats (the console's "Đưa danh sách ra đại hội biểu quyết"), and the
     * first round opens on the approved list only.
     */
    private void seedExecutiveCommitteeElection(String c) {
        String election = SeedCongress.EXECUTIVE_ELECTION;
        send(new CreateElectionCommand(
                election,
                c,
                "Bầu Ban Chấp hành Đảng bộ Khối khóa VII",
                0,
                DecisionRule.MAJORITY_OF_SUMMONED,
                ElectionProcedure.SEATS_VOTED));
        for (Candidate nominee : SeedCongress.executiveNominees()) {
            send(new NominateCandidateCommand(
                    election, nominee.candidateId(), nominee.fullName(), NominationKind.PRESIDIUM, null, null));
        }
        String motion = SeedCongress.EXECUTIVE_SEATS_MOTION;
        send(new ProposeSeatsCommand(election, motion, SeedCongress.EXECUTIVE_SEATS, SeedCongress.EXECUTIVE_SURPLUS));
        send(new CreateMotionCommand(
                motion,
                c,
                "Biểu quyết số lượng Ban Chấp hành khóa VII: " + SeedCongress.EXECUTIVE_SEATS + " đồng chí, số dư "
                        + SeedCongress.EXECUTIVE_SURPLUS,
                MotionKind.PROCEDURAL,
                DecisionRule.MAJORITY_OF_SUMMONED,
                null,
                election));
    }

    /**
     * AGENDA 9: the delegation to the city congress. The level above allocated its seats and alternates
     * (SEATS_ALLOCATED: not voted); the presidium's list is recorded and the surplus put to the congress as a motion,
     * ready to open. Officials and alternates are elected on one ballot, the alternates ranked by votes.
     */
    private void seedDelegationElection(String c) {
        String election = SeedCongress.DELEGATION_ELECTION;
        send(new CreateElectionCommand(
                election,
                c,
                "Bầu Đoàn đại biểu dự Đại hội đại biểu Đảng bộ thành phố",
                SeedCongress.DELEGATION_SEATS,
                DecisionRule.MAJORITY_OF_SUMMONED,
                ElectionProcedure.SEATS_ALLOCATED,
                SeedCongress.DELEGATION_ALTERNATES,
                null,
                null,
                null));
        for (Candidate nominee : SeedCongress.delegationNominees()) {
            send(new NominateCandidateCommand(
                    election, nominee.candidateId(), nominee.fullName(), NominationKind.PRESIDIUM, null, null));
        }
        String motion = SeedCongress.DELEGATION_SURPLUS_MOTION;
        send(new ProposeSeatsCommand(election, motion, SeedCongress.DELEGATION_SEATS, SeedCongress.DELEGATION_SURPLUS));
        send(new CreateMotionCommand(
                motion,
                c,
                "Biểu quyết số dư Đoàn đại biểu dự Đại hội Đảng bộ thành phố: " + SeedCongress.DELEGATION_SURPLUS
                        + " (cấp trên phân bổ " + SeedCongress.DELEGATION_SEATS + " đại biểu chính thức, "
                        + SeedCongress.DELEGATION_ALTERNATES + " đại biểu dự khuyết)",
                MotionKind.PROCEDURAL,
                DecisionRule.MAJORITY_OF_SUMMONED,
                null,
                election));
    }

    /**
     * AGENDA 10: the first plenum of the new executive committee: its members, not the congress, elect the standing
     * committee, the secretary and the deputy secretaries from it, the inspection committee and its chair from it.
     * Created now; each list is given with its round (LIST_GIVEN), which the domain accepts only once the body it
     * draws from has members, so the lists wait for the hall.
     */
    private void seedFirstPlenumElections(String c) {
        for (SeedCongress.PlenumElection e : SeedCongress.PLENUM) {
            send(new CreateElectionCommand(
                    e.id(),
                    c,
                    e.title(),
                    e.seats(),
                    DecisionRule.MAJORITY_OF_SUMMONED,
                    ElectionProcedure.LIST_GIVEN,
                    0,
                    SeedCongress.EXECUTIVE_ELECTION,
                    e.eligibleFrom(),
                    e.excluding()));
        }
    }

    private void writeCards(List<String[]> cards) throws IOException {
        if (cardsFile == null || cardsFile.isBlank()) {
            return;
        }
        StringBuilder csv = new StringBuilder("delegate,full_name,card_code\n");
        cards.forEach(card -> csv.append(String.join(",", card)).append('\n'));
        Path path = Path.of(cardsFile);
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.writeString(path, csv.toString(), StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // best effort
        }
        LOG.info("demo: the delegates' card codes are in {}", path.toAbsolutePath());
    }

    private void send(Object command) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of("actor", "demo-seed", "role", "system")));
    }
}
