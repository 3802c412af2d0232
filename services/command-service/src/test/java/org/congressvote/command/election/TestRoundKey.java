package org.congressvote.command.election;

import java.util.Arrays;
import java.util.List;
import org.congressvote.api.election.RoundKeyCreatedEvent;

/** A round's key made by the real ceremony, for fixture tests: seals ballots and rebuilds the key from chosen shares. */
final class TestRoundKey {

    final String roundId;
    final int sharesRequired;
    final List<String> candidates;
    final SealedBox.Ceremony ceremony;

    TestRoundKey(String roundId, int sharesRequired, int holders, String... candidates) {
        this.roundId = roundId;
        this.sharesRequired = sharesRequired;
        this.candidates = List.of(candidates);
        this.ceremony = SealedBox.ceremony(roundId, sharesRequired, holders);
    }

    byte[] seal(List<String> kept) {
        return SealedBox.seal(ceremony.publicKey(), roundId, kept, candidates);
    }

    RoundKeyCreatedEvent created(String electionId, String congressId, int round) {
        List<String> holders = java.util.stream.IntStream.rangeClosed(
                        1, ceremony.shares().size())
                .mapToObj(i -> "member-" + i)
                .toList();
        return new RoundKeyCreatedEvent(
                electionId,
                congressId,
                roundId,
                round,
                ceremony.publicKey(),
                sharesRequired,
                holders,
                ceremony.shareHashes(),
                "member-1");
    }

    SealedBox.Share share(int number) {
        return SealedBox.parseShare(ceremony.shares().get(number - 1));
    }

    /** The key rebuilt from the shares with these numbers (null if they do not rebuild it). */
    SealedBox.OpenKey rebuild(int... numbers) {
        return SealedBox.rebuild(
                Arrays.stream(numbers).mapToObj(this::share).toList(), sharesRequired, ceremony.publicKey());
    }
}
