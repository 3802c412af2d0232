package org.congressvote.command.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.congressvote.api.election.SealedBallots;
import org.junit.jupiter.api.Test;

class SealedBoxTest {

    private final TestRoundKey key = new TestRoundKey("bch-khoa-7-r1", 3, 5, "UV-ALPHA", "UV-BRAVO", "UV-CHARLIE");

    @Test
    void anyThreeOfFiveSharesRebuildTheKeyAndOpenTheBallots() {
        byte[] sealed = key.seal(List.of("UV-CHARLIE", "UV-ALPHA"));
        int[][] subsets = {
            {1, 2, 3}, {1, 2, 4}, {1, 2, 5}, {1, 3, 4}, {1, 3, 5}, {1, 4, 5}, {2, 3, 4}, {2, 3, 5}, {2, 4, 5},
            {3, 4, 5}, {5, 3, 1}
        };
        for (int[] subset : subsets) {
            try (SealedBox.OpenKey open = key.rebuild(subset)) {
                assertThat(open)
                        .as("shares %s", java.util.Arrays.toString(subset))
                        .isNotNull();
                // sealed in canonical order, whatever order the names came in
                assertThat(SealedBox.open(open, key.roundId, sealed)).containsExactly("UV-ALPHA", "UV-CHARLIE");
            }
        }
    }

    @Test
    void twoLostSharesOfFiveDoNotStopTheCountButAThirdDoes() {
        byte[] sealed = key.seal(List.of("UV-BRAVO"));
        // shares 1 and 4 lost (or their members absent): the other three open the box
        try (SealedBox.OpenKey open = key.rebuild(2, 3, 5)) {
            assertThat(SealedBox.open(open, key.roundId, sealed)).containsExactly("UV-BRAVO");
        }
        // a third lost: two remain, and two cannot open it
        assertThat(key.rebuild(2, 5)).isNull();
    }

    @Test
    void twoSharesOfAThreeShareKeyDoNotOpenTheBox() {
        assertThat(key.rebuild(1, 2)).isNull();
        assertThat(key.rebuild(4, 5)).isNull();
    }

    @Test
    void aWrongShareIsDetectedWhenTheKeyIsRebuilt() {
        SealedBox.Share good = key.share(3);
        byte[] altered = good.bytes().clone();
        altered[0] ^= 1;
        SealedBox.Share wrong = new SealedBox.Share(good.roundId(), good.number(), altered);
        assertThat(SealedBox.rebuild(List.of(key.share(1), key.share(2), wrong), 3, key.ceremony.publicKey()))
                .isNull();
        // and its hash is not the one the ceremony published, so it is refused when presented
        assertThat(SealedBallots.shareHash(key.roundId, 3, altered))
                .isNotEqualTo(key.ceremony.shareHashes().get(2));
        assertThat(SealedBallots.shareHash(key.roundId, 3, good.bytes()))
                .isEqualTo(key.ceremony.shareHashes().get(2));
    }

    @Test
    void everyBallotOfARoundIsSealedToOneSizeWithoutItsNamesInTheClear() {
        byte[] none = key.seal(List.of());
        byte[] one = key.seal(List.of("UV-BRAVO"));
        byte[] all = key.seal(List.of("UV-ALPHA", "UV-BRAVO", "UV-CHARLIE"));
        assertThat(none).hasSameSizeAs(one).hasSameSizeAs(all);
        assertThat(new String(all, StandardCharsets.ISO_8859_1)).doesNotContain("UV-");
        // the same ballot sealed twice is two different ciphertexts (so two different receipts)
        assertThat(key.seal(List.of("UV-BRAVO"))).isNotEqualTo(one);
        assertThat(SealedBallots.receiptCode(one)).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
    }

    @Test
    void aBallotSealedForAnotherRoundDoesNotOpen() {
        TestRoundKey other = new TestRoundKey("bch-khoa-7-r2", 1, 1, "UV-ALPHA");
        byte[] sealed = SealedBox.seal(key.ceremony.publicKey(), other.roundId, List.of("UV-ALPHA"), key.candidates);
        try (SealedBox.OpenKey open = key.rebuild(1, 2, 3)) {
            assertThat(SealedBox.open(open, key.roundId, sealed)).isNull();
        }
    }

    @Test
    void aShareReadsBackFromItsTextTypedInLowerCaseWithSpaces() {
        String text = key.ceremony.shares().get(1);
        assertThat(text).startsWith("CVK1-bch-khoa-7-r1-2-");
        String suffix = text.substring(text.lastIndexOf('-') + 1);
        String typed = text.substring(0, text.lastIndexOf('-') + 1)
                + suffix.toLowerCase().replaceAll("(.{4})", "$1 ");
        SealedBox.Share share = SealedBox.parseShare(typed);
        assertThat(share).isNotNull();
        assertThat(share.roundId()).isEqualTo("bch-khoa-7-r1");
        assertThat(share.number()).isEqualTo(2);
        assertThat(share.bytes()).isEqualTo(key.share(2).bytes());
        assertThat(SealedBox.parseShare("CVK1-bch-khoa-7-r1-2-NOTASHARE")).isNull();
    }
}
