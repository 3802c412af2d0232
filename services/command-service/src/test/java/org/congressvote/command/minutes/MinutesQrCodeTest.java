package org.congressvote.command.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.congressvote.command.audit.TreeHead;
import org.junit.jupiter.api.Test;

/**
 * The tree head printed as a QR code on the minutes must scan, whatever the head holds: a verifier with a phone
 * camera (here ZXing, as {@link QrScanner} reads a rendering of the page) reads back exactly the printed head.
 * Forty random heads, because whether a QR code's finder patterns are found next to text depends on its content.
 */
class MinutesQrCodeTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void everyPrintedTreeHeadScansBackToTheSameHead() throws Exception {
        for (int i = 0; i < 40; i++) {
            TreeHead head = new TreeHead(
                    1 + RANDOM.nextInt(1_000_000),
                    hex(32),
                    Instant.ofEpochSecond(1_790_000_000L + RANDOM.nextInt(10_000_000))
                            .toString(),
                    hex(8),
                    hex(32),
                    hex(64),
                    "close");
            byte[] pdf = MinutesPdf.render(minutes(head));
            try (PDDocument doc = Loader.loadPDF(pdf)) {
                assertThat(QrScanner.scan(doc)).as("head %d: %s", i, head).isEqualTo(MinutesPdf.headText(head));
            }
        }
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static Minutes minutes(TreeHead head) {
        return new Minutes(
                Minutes.OPEN_VOTE,
                "dh-demo",
                "Đại hội đại biểu Đảng bộ",
                "motion-1",
                "Thông qua Nghị quyết Đại hội",
                0,
                "2026-12-01T03:00:00Z",
                245,
                240,
                0,
                0,
                0,
                0,
                List.of(
                        new Minutes.Count("AGREE", "Tán thành", 230, null, null),
                        new Minutes.Count("DISAGREE", "Không tán thành", 5, null, null),
                        new Minutes.Count("ABSTAIN", "Không biểu quyết", 5, null, null)),
                "SUMMONED",
                "1/2",
                true,
                245,
                123,
                "ADOPTED",
                List.of(),
                List.of(),
                null,
                head.size(),
                hex(32),
                head,
                null,
                10,
                List.of());
    }
}
