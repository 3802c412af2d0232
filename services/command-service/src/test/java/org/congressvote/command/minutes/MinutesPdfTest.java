package org.congressvote.command.minutes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.congressvote.command.audit.TreeHead;
import org.junit.jupiter.api.Test;

/**
 * The printed minutes as the secretary reads them (the PDF's text, as PDFBox extracts it): laid out as the Party's
 * documents are, in the pages' vocabulary, with Vietnamese numbers and alphabetical order.
 */
class MinutesPdfTest {

    private static final TreeHead HEAD = new TreeHead(
            812,
            "ab".repeat(32),
            "2026-12-01T03:00:05Z",
            "0011223344556677",
            "cd".repeat(32),
            "ef".repeat(64),
            "close");

    @Test
    void theMinutesCarryThePartysNameAndNotTheStateMotto() throws IOException {
        String text = text(election(3, List.of()));

        assertThat(text).contains("ĐẢNG CỘNG SẢN VIỆT NAM");
        assertThat(text).doesNotContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").doesNotContain("Độc lập - Tự do");
        assertThat(text).contains("ĐẠI HỘI ĐẠI BIỂU ĐẢNG BỘ KHỐI");
    }

    @Test
    void theMinutesBearThePlaceAndTheDateOfTheCloseInVietnam() throws IOException {
        // 17:30 UTC on 30 November is already 1 December in the hall
        assertThat(text(election(3, List.of()))).contains(MinutesPdf.PLACE_TO_FILL + ", ngày 01 tháng 12 năm 2026");
        assertThat(MinutesPdf.placeAndDate(Instant.parse("2026-02-05T03:00:00Z")))
                .endsWith("ngày 05 tháng 02 năm 2026");
        assertThat(MinutesPdf.placeAndDate(Instant.parse("2026-03-15T03:00:00Z")))
                .endsWith("ngày 15 tháng 3 năm 2026");
    }

    @Test
    void minutesOfMoreThanOnePageNumberEveryPageButTheFirst() throws IOException {
        try (PDDocument doc = Loader.loadPDF(MinutesPdf.render(election(37, List.of())))) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            assertThat(firstLine(doc, 1)).contains("ĐẢNG CỘNG SẢN VIỆT NAM");
            for (int page = 2; page <= doc.getNumberOfPages(); page++) {
                assertThat(firstLine(doc, page)).as("page %d", page).isEqualTo(Integer.toString(page));
            }
        }
    }

    @Test
    void theMinutesSpeakOfTheVoteCountingCommitteeAndOfTheNthElectionAsThePagesDo() throws IOException {
        String text = text(election(3, List.of()));

        assertThat(text).contains("lần bầu thứ 2").contains("BAN KIỂM PHIẾU").contains("Trưởng ban");
        assertThat(text).doesNotContain("vòng").doesNotContain("TỔ KIỂM PHIẾU").doesNotContain("Tổ trưởng");
    }

    @Test
    void sharesOfTheBaseArePrintedWithADecimalComma() throws IOException {
        // 12 of 245 is 4.897...%
        assertThat(text(election(3, List.of()))).contains("4,90 %").doesNotContain("4.90");
    }

    @Test
    void candidatesWithEqualVotesAreListedInVietnameseAlphabeticalOrder() throws IOException {
        List<String> names = List.of("Đào Văn Đức", "Ân Thị Hoa", "Ánh Văn Bảo", "An Văn Cường", "Dương Thị Em");
        String text = text(election(0, names));

        // by code point Đ and the accented A's would sort after every plain letter; compared whole, without the
        // spaces, "Ánh Văn" would come before "An Văn"
        assertThat(text)
                .containsSubsequence("An Văn Cường", "Ánh Văn Bảo", "Ân Thị Hoa", "Dương Thị Em", "Đào Văn Đức");
        assertThat(text).containsSubsequence("Trúng cử: Ánh Văn Bảo, Ân Thị Hoa, Đào Văn Đức");
    }

    @Test
    void aBodysMinutesSayWhoseBaseAndADelegationsListItsAlternatesInTheirOrder() throws IOException {
        Minutes m = election(3, List.of());
        Minutes plenum = new Minutes(
                m.kind(),
                m.congressId(),
                m.congressName(),
                "btv-r1",
                "Bầu Ban Thường vụ",
                1,
                m.closedAt(),
                33,
                31,
                31,
                31,
                31,
                0,
                m.counts(),
                "SUMMONED",
                "1/2",
                true,
                33,
                17,
                m.outcome(),
                m.elected(),
                List.of(),
                3,
                m.closePosition(),
                m.logHeadHash(),
                m.treeHead(),
                null,
                15,
                List.of(),
                "Ban Chấp hành",
                "33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17",
                3,
                0,
                List.of(),
                0,
                0,
                0);
        assertThat(text(plenum))
                .contains("Số ủy viên được triệu tập")
                .contains("số ủy viên Ban Chấp hành được triệu tập = 33")
                .contains("33 ủy viên Ban Chấp hành triệu tập, quá nửa là 17")
                .doesNotContain("Đại biểu dự khuyết");

        List<Minutes.Count> counts = List.of(
                new Minutes.Count("a", "Lê Văn An", 200, true, true, 0),
                new Minutes.Count("b", "Phạm Thị Bình", 190, true, false, 1),
                new Minutes.Count("c", "Trần Văn Cường", 180, true, false, 2),
                new Minutes.Count("d", "Võ Thị Dung", 170, true, false, 0),
                new Minutes.Count("e", "Đỗ Văn Em", 170, true, false, 0));
        Minutes delegation = new Minutes(
                m.kind(),
                m.congressId(),
                m.congressName(),
                "dbtp-r1",
                "Bầu Đoàn đại biểu",
                1,
                m.closedAt(),
                245,
                240,
                240,
                240,
                240,
                0,
                counts,
                "SUMMONED",
                "1/2",
                true,
                245,
                123,
                "ELECTED",
                List.of("a"),
                List.of("d", "e"),
                0,
                m.closePosition(),
                m.logHeadHash(),
                m.treeHead(),
                null,
                15,
                List.of(),
                null,
                "245 đại biểu triệu tập, quá nửa là 123",
                1,
                3,
                List.of(
                        new Minutes.Alternate(1, "b", "Phạm Thị Bình", 190),
                        new Minutes.Alternate(2, "c", "Trần Văn Cường", 180)),
                1,
                4,
                3);
        assertThat(text(delegation))
                .containsSubsequence(
                        "Đại biểu chính thức trúng cử: Lê Văn An",
                        "Đại biểu dự khuyết (theo thứ tự):",
                        "1. Phạm Thị Bình (190 phiếu)",
                        "2. Trần Văn Cường (180 phiếu)",
                        "Bằng phiếu ở thứ tự dự khuyết thứ 3",
                        "Số ghế dự khuyết còn lại: 1")
                .contains("Dự khuyết 1")
                .contains("Số đại biểu được triệu tập");
    }

    private static String text(Minutes minutes) throws IOException {
        try (PDDocument doc = Loader.loadPDF(MinutesPdf.render(minutes))) {
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setSortByPosition(true);
            return stripper.getText(doc);
        }
    }

    private static String firstLine(PDDocument doc, int page) throws IOException {
        PDFTextStripper stripper = new PDFTextStripper();
        stripper.setSortByPosition(true);
        stripper.setStartPage(page);
        stripper.setEndPage(page);
        return stripper.getText(doc).strip().lines().findFirst().orElse("");
    }

    /**
     * Round 2 of an election closed on 1 December 2026 (Vietnam time): {@code generated} candidates with falling
     * votes (the first with 12 of 245), then {@code tied} with 130 votes each, the first three of them elected.
     */
    private static Minutes election(int generated, List<String> tied) {
        List<Minutes.Count> counts = new ArrayList<>();
        List<String> elected = new ArrayList<>();
        for (int i = 0; i < tied.size(); i++) {
            counts.add(new Minutes.Count("t" + i, tied.get(i), 130, true, i < 3));
            if (i < 3) {
                elected.add("t" + i);
            }
        }
        for (int i = 0; i < generated; i++) {
            counts.add(new Minutes.Count("c" + i, "Nguyễn Văn Số " + (i + 1), 12 - i % 12, false, false));
        }
        return new Minutes(
                Minutes.ELECTION_ROUND,
                "dh-demo",
                "Đại hội đại biểu Đảng bộ Khối Cơ quan Dân Chính Đảng lần thứ VII",
                "bch-2",
                "Bầu Ban Chấp hành",
                2,
                "2026-11-30T17:30:00Z",
                245,
                240,
                240,
                238,
                236,
                2,
                counts,
                "SUMMONED",
                "1/2",
                true,
                245,
                123,
                elected.isEmpty() ? "NONE_ELECTED" : "ELECTED",
                elected,
                List.of(),
                3 - elected.size(),
                HEAD.size(),
                "12".repeat(32),
                HEAD,
                null,
                15,
                List.of());
    }
}
