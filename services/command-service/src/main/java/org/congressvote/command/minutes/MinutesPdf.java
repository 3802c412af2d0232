package org.congressvote.command.minutes;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Collator;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.PDPageContentStream.AppendMode;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.congressvote.command.audit.TreeHead;
import org.congressvote.command.congress.StaffActions;

/**
 * Prints the minutes of the count as a PDF in Vietnamese, laid out as the Party's documents are (Hướng dẫn
 * 36-HD/VPTW on the form of the Party's documents): the issuing body top left, "ĐẢNG CỘNG SẢN VIỆT NAM" and the
 * place and date line top right, page numbers centred in the top margin from the second page on. The font (Liberation
 * Sans, shipped inside PDFBox, with the Vietnamese letters) is embedded, so the diacritics print the same on every
 * machine.
 */
final class MinutesPdf {

    private static final float MARGIN = 56;
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi-VN");
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'ngày' dd/MM/yyyy").withZone(VIETNAM);
    /**
     * The congress's place is not part of its record: the secretary writes it on the dotted line by hand, as on the
     * printed forms.
     */
    static final String PLACE_TO_FILL = "……………";

    private final PDDocument document = new PDDocument();
    private final PDFont font;
    private PDPageContentStream content;
    private float y;

    private MinutesPdf() throws IOException {
        try (InputStream ttf =
                PDDocument.class.getResourceAsStream("/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf")) {
            font = PDType0Font.load(document, ttf, true);
        }
        newPage();
    }

    static byte[] render(Minutes m) {
        try {
            MinutesPdf pdf = new MinutesPdf();
            pdf.write(m);
            return pdf.finish(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Minutes m) throws IOException {
        heading(m);
        y -= 14;
        centered("BIÊN BẢN KIỂM PHIẾU", 16);
        y -= 4;
        wrapped(m.congressName(), 11, true);
        y -= 6;
        boolean election = Minutes.ELECTION_ROUND.equals(m.kind());
        line((election ? "Bầu cử: " + m.title() + " — lần bầu thứ " + m.round() : "Biểu quyết: " + m.title()), 12);
        line(
                "Kết thúc lúc " + TIME.format(Instant.parse(m.closedAt())) + " (vị trí " + m.closePosition()
                        + " trong nhật ký sự kiện)",
                10);
        y -= 8;
        if (m.electorateTitle() == null) {
            line(
                    "Số đại biểu được triệu tập (sau khi trừ các trường hợp vắng mặt suốt đại hội không có người thay"
                            + " thế): " + m.summoned(),
                    10);
            line("Số đại biểu có mặt khi kết thúc: " + m.present(), 10);
        } else {
            wrapped(
                    (election ? "Người bầu" : "Người biểu quyết") + ": các ủy viên " + m.electorateTitle()
                            + ". Số ủy viên được triệu tập (sau khi trừ các"
                            + " trường hợp vắng mặt suốt đại hội): " + m.summoned(),
                    10,
                    false);
            line("Số ủy viên có mặt khi kết thúc: " + m.present(), 10);
        }
        line(
                (election ? "Số phiếu phát ra: " : "Số " + voters(m) + " được biểu quyết: ")
                        + m.issued()
                        + (election ? "    Số phiếu thu vào: " : "    Số " + voters(m) + " đã biểu quyết: ")
                        + m.returned(),
                10);
        if (election) {
            line("Số phiếu hợp lệ: " + m.valid() + "    Số phiếu không hợp lệ: " + m.invalid(), 10);
        }
        line(
                "Cơ sở tính: " + baseLabel(m.base(), m.electorateTitle()) + " = " + m.baseCount() + "; quy định: "
                        + (m.strictlyMore() ? "hơn " : "ít nhất ") + fractionLabel(m.fraction()) + "; ngưỡng: "
                        + m.threshold()
                        + " phiếu",
                10);
        if (m.baseText() != null) {
            wrapped("(" + m.baseText() + ")", 10, false);
        }
        y -= 8;
        table(m, election);
        y -= 10;
        if (election) {
            line(
                    (m.alternateSeats() > 0 ? "Đại biểu chính thức trúng cử: " : "Trúng cử: ")
                            + (m.elected().isEmpty() ? "không có" : labels(m, m.elected())),
                    12);
            if (m.alternateSeats() > 0) {
                alternates(m);
            }
            if (!m.tiedForLastSeat().isEmpty()) {
                wrapped(tieText(m) + labels(m, m.tiedForLastSeat()), 11, false);
            }
            line("Số ghế còn lại: " + m.seatsRemaining(), 11);
            if (m.alternateSeats() > 0) {
                line("Số ghế dự khuyết còn lại: " + m.alternateSeatsRemaining(), 11);
            }
            if (m.boxOpened() != null) {
                wrapped(
                        "Hòm phiếu niêm phong được Ban kiểm phiếu mở bằng "
                                + m.boxOpened().openedBy().size() + "/"
                                + m.boxOpened().sharesRequired() + " mảnh khóa cần thiết, do: "
                                + String.join(", ", m.boxOpened().openedBy()) + " ("
                                + m.boxOpened().ballotsOpened()
                                + " phiếu kín được mở)",
                        11,
                        false);
            }
        } else {
            line(
                    "Kết quả: " + ("ADOPTED".equals(m.outcome()) ? "THÔNG QUA" : "KHÔNG THÔNG QUA") + " ("
                            + m.counts().get(0).votes() + " tán thành / ngưỡng " + m.threshold() + ")",
                    12);
        }
        y -= 10;
        if (m.votesAfterCardReissue().isEmpty()) {
            line("Phiếu bầu/biểu quyết sau khi cấp lại thẻ (trong " + m.reissueFlagMinutes() + " phút): không có", 10);
        } else {
            line(
                    "Phiếu bầu/biểu quyết sau khi cấp lại thẻ (trong " + m.reissueFlagMinutes() + " phút): "
                            + m.votesAfterCardReissue().size(),
                    10);
            for (StaffActions.Flag flag : m.votesAfterCardReissue()) {
                wrapped(
                        "- " + flag.delegateId() + ": thẻ cấp lại lúc " + TIME.format(Instant.parse(flag.reissuedAt()))
                                + " bởi " + flag.reissuedBy() + " (vị trí " + flag.reissuePosition() + "), lý do: "
                                + flag.reason(),
                        9,
                        false);
            }
        }
        y -= 6;
        line("Mã băm chuỗi nhật ký tại thời điểm kết thúc (SHA-256):", 10);
        line(m.logHeadHash(), 9);
        TreeHead head = m.treeHead();
        line("Đầu cây Merkle đã ký (RFC 6962, Ed25519), khóa " + head.keyId() + ", lúc " + head.signedAt() + ":", 10);
        line("Số sự kiện: " + head.size() + "    Gốc:", 9);
        line(head.rootHash(), 9);
        line("Chữ ký:", 9);
        line(head.signature().substring(0, 64), 9);
        line(head.signature().substring(64), 9);
        line("Mã QR của đầu cây (quét để đối chiếu với nhật ký tại /audit/ hoặc verify-log.sh --head):", 9);
        qr(headText(head), 170);
        y -= 24;
        signatures();
    }

    /**
     * The document's head: the issuing body (the congress, its vote-counting committee) on the left; the Party's name,
     * underlined, and the place and date of the close on the right.
     */
    private void heading(Minutes m) throws IOException {
        float half = (PDRectangle.A4.getWidth() - 2 * MARGIN) / 2;
        float left = MARGIN + half / 2 - 10;
        float right = MARGIN + half + half / 2 + 10;
        float top = y;
        List<String> body = new ArrayList<>(split(m.congressName().toUpperCase(VIETNAMESE), 10, half - 10));
        body.add("BAN KIỂM PHIẾU");
        body.add("*");
        for (String text : body) {
            centeredAt(text, 10, left);
        }
        float bottom = y;
        y = top;
        String party = "ĐẢNG CỘNG SẢN VIỆT NAM";
        float partyWidth = font.getStringWidth(party) / 1000 * 11;
        centeredAt(party, 11, right);
        content.setLineWidth(0.6f);
        content.moveTo(right - partyWidth / 2, y + 11 * 1.6f - 3);
        content.lineTo(right + partyWidth / 2, y + 11 * 1.6f - 3);
        content.stroke();
        y -= 6;
        centeredAt(placeAndDate(Instant.parse(m.closedAt())), 10, right);
        y = Math.min(y, bottom);
    }

    /**
     * "Hà Nội, ngày 05 tháng 02 năm 2026": days below 10 and the months 1 and 2 take a leading zero (Hướng dẫn
     * 36-HD/VPTW), so that no one can add a digit before them.
     */
    static String placeAndDate(Instant at) {
        LocalDate date = at.atZone(VIETNAM).toLocalDate();
        String day = String.format("%02d", date.getDayOfMonth());
        String month = date.getMonthValue() <= 2
                ? String.format("%02d", date.getMonthValue())
                : Integer.toString(date.getMonthValue());
        return PLACE_TO_FILL + ", ngày " + day + " tháng " + month + " năm " + date.getYear();
    }

    /** A share of the base as Vietnamese print it: decimal comma, a space before the sign ("4,90 %"). */
    static String percent(long votes, long base) {
        return base == 0 ? "-" : String.format(VIETNAMESE, "%.2f %%", 100.0 * votes / base);
    }

    /**
     * The candidates as the minutes list them: most votes first, equal votes in Vietnamese alphabetical order (Ă and Â
     * after A, Đ after D), which the count's own order (by code point) does not give.
     */
    static List<Minutes.Count> ranked(List<Minutes.Count> counts) {
        return counts.stream()
                .sorted(Comparator.comparingLong(Minutes.Count::votes)
                        .reversed()
                        .thenComparing(Minutes.Count::label, MinutesPdf::compareNames))
                .toList();
    }

    /**
     * Vietnamese order of two names, word by word (the JDK's Vietnamese collator; compared whole, it skips the spaces
     * and puts "Ánh Văn" before "An Văn").
     */
    static int compareNames(String a, String b) {
        Collator vietnamese = Collator.getInstance(VIETNAMESE);
        String[] left = a.strip().split("\\s+");
        String[] right = b.strip().split("\\s+");
        for (int i = 0; i < Math.min(left.length, right.length); i++) {
            int word = vietnamese.compare(left[i], right[i]);
            if (word != 0) {
                return word;
            }
        }
        return Integer.compare(left.length, right.length);
    }

    private void table(Minutes m, boolean election) throws IOException {
        float[] columns = {MARGIN, MARGIN + 250, MARGIN + 330, MARGIN + 410};
        row(columns, 10, election ? "Ứng cử viên" : "Lựa chọn", "Số phiếu", "% cơ sở", election ? "Kết quả" : "");
        for (Minutes.Count count : election ? ranked(m.counts()) : m.counts()) {
            String pct = percent(count.votes(), m.baseCount());
            String result = count.elected() == null
                    ? ""
                    : count.elected()
                            ? "Trúng cử"
                            : count.alternateRank() > 0
                                    ? "Dự khuyết " + count.alternateRank()
                                    : Boolean.TRUE.equals(count.reachedThreshold()) ? "Đạt ngưỡng" : "Không trúng cử";
            row(columns, 10, count.label(), Long.toString(count.votes()), pct, result);
        }
    }

    /** The alternates in the order they replace an official, with their ranks (ties are never ordered here). */
    private void alternates(Minutes m) throws IOException {
        y -= 4;
        line("Đại biểu dự khuyết (theo thứ tự):" + (m.alternates().isEmpty() ? " không có" : ""), 12);
        for (Minutes.Alternate alternate : m.alternates()) {
            line("    " + alternate.rank() + ". " + alternate.label() + " (" + alternate.votes() + " phiếu)", 11);
        }
    }

    /** Which place the tied candidates would take: the last seat, an official seat beside the alternates, a rank. */
    static String tieText(Minutes m) {
        if (m.alternateSeats() == 0) {
            return "Bằng phiếu ở ghế cuối (đại hội quyết định, bầu vòng tiếp theo): ";
        }
        if (m.tiedAtAlternateRank() > 0) {
            return "Bằng phiếu ở thứ tự dự khuyết thứ " + m.tiedAtAlternateRank()
                    + " (đại hội quyết định, bầu vòng tiếp theo): ";
        }
        return "Bằng phiếu ở ghế chính thức cuối, ranh giới chính thức và dự khuyết (đại hội quyết định, bầu vòng"
                + " tiếp theo): ";
    }

    private void signatures() throws IOException {
        if (y - 110 < MARGIN) {
            newPage();
        }
        centered("BAN KIỂM PHIẾU", 12);
        y -= 10;
        float[] columns = {MARGIN, MARGIN + 170, MARGIN + 340};
        row(columns, 10, "Trưởng ban", "Thành viên", "Thành viên");
        y -= 40;
        row(columns, 10, "........................", "........................", "........................");
    }

    private static String labels(Minutes m, List<String> ids) {
        return ranked(m.counts()).stream()
                .filter(c -> ids.contains(c.id()))
                .map(Minutes.Count::label)
                .collect(Collectors.joining(", "));
    }

    /** Who votes in an open vote: the delegates, or a body's members. */
    private static String voters(Minutes m) {
        return m.electorateTitle() == null ? "đại biểu" : "ủy viên";
    }

    private static String baseLabel(String base, String electorateTitle) {
        String who = electorateTitle == null ? "đại biểu" : "ủy viên " + electorateTitle;
        return switch (base) {
            case "SUMMONED" -> "số " + who + " được triệu tập";
            case "PRESENT" -> "số " + who + " có mặt";
            default -> "số phiếu hợp lệ";
        };
    }

    private static String fractionLabel(String fraction) {
        return switch (fraction) {
            case "1/2" -> "một nửa (1/2)";
            case "2/3" -> "hai phần ba (2/3)";
            default -> fraction;
        };
    }

    /**
     * What the QR code of a tree head holds: the lines a verifier needs to check that the log still extends it (size
     * and root for the consistency proof; key id, time and signature to check the head itself).
     */
    static String headText(TreeHead head) {
        return "congress-vote tree head v1\nsize " + head.size() + "\nroot " + head.rootHash() + "\nkey " + head.keyId()
                + "\nsigned " + head.signedAt() + "\nsignature " + head.signature();
    }

    /**
     * A QR code (ZXing) of {@code text}, {@code side} points wide with the standard's quiet zone of 4 modules, drawn
     * at the left margin.
     */
    private void qr(String text, float side) throws IOException {
        BitMatrix matrix = scannableQrCode(text);
        if (y - side < MARGIN) {
            newPage();
        }
        float module = side / matrix.getWidth();
        // each row's dark runs as one rectangle: squares drawn side by side leave anti-aliased seams a scanner
        // can read as light modules
        for (int row = 0; row < matrix.getHeight(); row++) {
            int column = 0;
            while (column < matrix.getWidth()) {
                if (!matrix.get(column, row)) {
                    column++;
                    continue;
                }
                int start = column;
                while (column < matrix.getWidth() && matrix.get(column, row)) {
                    column++;
                }
                content.addRect(MARGIN + start * module, y - (row + 1) * module, (column - start) * module, module);
            }
        }
        content.fill();
        y -= side + 8;
    }

    /**
     * The QR code of {@code text} that a scanner finds: ZXing's detector misses some codes (about one in a hundred of
     * these heads, even as a perfect image) because a data pattern resembles a finder pattern. Each candidate (error
     * correction M, then Q, L, H; each of the 8 masks) is read back by ZXing's own reader from a clean rendering, and
     * the first that reads back as {@code text} is printed.
     */
    static BitMatrix scannableQrCode(String text) throws IOException {
        for (ErrorCorrectionLevel level : List.of(
                ErrorCorrectionLevel.M, ErrorCorrectionLevel.Q, ErrorCorrectionLevel.L, ErrorCorrectionLevel.H)) {
            for (int mask = 0; mask < 8; mask++) {
                BitMatrix matrix;
                try {
                    matrix = new QRCodeWriter()
                            .encode(
                                    text,
                                    BarcodeFormat.QR_CODE,
                                    0,
                                    0,
                                    Map.of(
                                            EncodeHintType.MARGIN,
                                            4,
                                            EncodeHintType.ERROR_CORRECTION,
                                            level,
                                            EncodeHintType.QR_MASK_PATTERN,
                                            mask));
                } catch (WriterException e) {
                    throw new IOException("The tree head does not fit a QR code", e);
                }
                if (text.equals(readBack(matrix))) {
                    return matrix;
                }
            }
        }
        throw new IOException("No QR code of the tree head reads back");
    }

    private static String readBack(BitMatrix matrix) {
        int scale = 4;
        int width = matrix.getWidth() * scale;
        int height = matrix.getHeight() * scale;
        int[] pixels = new int[width * height];
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                pixels[row * width + column] = matrix.get(column / scale, row / scale) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        try {
            return new QRCodeReader()
                    .decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(width, height, pixels))))
                    .getText();
        } catch (ReaderException unreadable) {
            return null;
        }
    }

    private void centered(String text, float size) throws IOException {
        centeredAt(text, size, PDRectangle.A4.getWidth() / 2);
    }

    private void centeredAt(String text, float size, float centre) throws IOException {
        float width = font.getStringWidth(text) / 1000 * size;
        show(text, size, centre - width / 2);
    }

    /** {@code text} cut at spaces into lines at most {@code max} points wide. */
    private List<String> split(String text, float size, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > max && current.length() > 0) {
                lines.add(current.toString());
                current.setLength(0);
                current.append(word);
            } else {
                current.setLength(0);
                current.append(candidate);
            }
        }
        lines.add(current.toString());
        return lines;
    }

    private void line(String text, float size) throws IOException {
        wrapped(text, size, false);
    }

    private void wrapped(String text, float size, boolean center) throws IOException {
        for (String part : split(text, size, PDRectangle.A4.getWidth() - 2 * MARGIN)) {
            emit(part, size, center);
        }
    }

    private void emit(String text, float size, boolean center) throws IOException {
        if (center) {
            centered(text, size);
        } else {
            show(text, size, MARGIN);
        }
    }

    private void row(float[] columns, float size, String... cells) throws IOException {
        ensureRoom(size);
        for (int i = 0; i < cells.length && i < columns.length; i++) {
            content.beginText();
            content.setFont(font, size);
            content.newLineAtOffset(columns[i], y);
            content.showText(cells[i]);
            content.endText();
        }
        y -= size * 1.6f;
    }

    private void show(String text, float size, float x) throws IOException {
        ensureRoom(size);
        content.beginText();
        content.setFont(font, size);
        content.newLineAtOffset(x, y);
        content.showText(text);
        content.endText();
        y -= size * 1.6f;
    }

    private void ensureRoom(float size) throws IOException {
        if (y - size < MARGIN) {
            newPage();
        }
    }

    /** The page number, centred in the top margin, on every page but the first (Hướng dẫn 36-HD/VPTW). */
    private void numberPages() throws IOException {
        for (int i = 1; i < document.getNumberOfPages(); i++) {
            PDPage page = document.getPage(i);
            try (PDPageContentStream number = new PDPageContentStream(document, page, AppendMode.APPEND, true, true)) {
                String text = Integer.toString(i + 1);
                float width = font.getStringWidth(text) / 1000 * 11;
                number.beginText();
                number.setFont(font, 11);
                number.newLineAtOffset((PDRectangle.A4.getWidth() - width) / 2, PDRectangle.A4.getHeight() - 34);
                number.showText(text);
                number.endText();
            }
        }
    }

    private void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        content = new PDPageContentStream(document, page);
        y = PDRectangle.A4.getHeight() - MARGIN;
    }

    private byte[] finish(Minutes m) throws IOException {
        content.close();
        numberPages();
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Biên bản kiểm phiếu - " + m.title());
        info.setCreator("Congress Vote");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        document.close();
        return out.toByteArray();
    }
}
