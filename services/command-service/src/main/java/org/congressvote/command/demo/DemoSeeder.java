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
import org.congressvote.api.election.CreateElectionCommand;
import org.congressvote.api.election.StartRoundCommand;
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
 * and roster, credentials accepted, session open, the 245 delegates checked in, the procedural motions, the
 * resolution and the executive committee election ready to be opened. Every step goes through the same commands and
 * rules as the secretariat's; the delegates' card codes go to a file for the person running the demo.
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
        send(new CreateElectionCommand(
                "bch-khoa-7",
                c,
                "Bầu Ban Chấp hành Đảng bộ Khối khóa VII",
                SeedCongress.EXECUTIVE_SEATS,
                DecisionRule.MAJORITY_OF_SUMMONED));
        send(new StartRoundCommand("bch-khoa-7", SeedCongress.executiveCandidates()));
        writeCards(cards);
        LOG.info(
                "demo: congress {} seeded: {} delegates of {} organisations in session, {} motions and an election ready",
                c,
                SeedCongress.DELEGATES,
                SeedCongress.ORGANISATIONS,
                SeedCongress.PROCEDURAL.length + 1);
        return cards;
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
