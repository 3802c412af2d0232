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
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.congressvote.command.audit.TreeHead;
import org.congressvote.command.congress.StaffActions;

/**
 * Prints the minutes of the count as a PDF in Vietnamese. The font (Liberation Sans, shipped inside PDFBox, with the
 * Vietnamese letters) is embedded, so the diacritics print the same on every machine.
 */
final class MinutesPdf {

    private static final float MARGIN = 56;
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'ngày' dd/MM/yyyy").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

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
        centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 11);
        centered("Độc lập - Tự do - Hạnh phúc", 11);
        y -= 12;
        centered("BIÊN BẢN KIỂM PHIẾU", 16);
        y -= 4;
        wrapped(m.congressName(), 11, true);
        y -= 6;
        boolean election = Minutes.ELECTION_ROUND.equals(m.kind());
        line((election ? "Bầu cử: " + m.title() + " — vòng " + m.round() : "Biểu quyết: " + m.title()), 12);
        line(
                "Kết thúc lúc " + TIME.format(Instant.parse(m.closedAt())) + " (vị trí " + m.closePosition()
                        + " trong nhật ký sự kiện)",
                10);
        y -= 8;
        line(
                "Số đại biểu được triệu tập (sau khi trừ các trường hợp vắng mặt suốt đại hội không có người thay thế): "
                        .concat(Long.toString(m.summoned())),
                10);
        line("Số đại biểu có mặt khi kết thúc: " + m.present(), 10);
        line(
                (election ? "Số phiếu phát ra: " : "Số đại biểu được biểu quyết: ")
                        + m.issued()
                        + (election ? "    Số phiếu thu vào: " : "    Số đại biểu đã biểu quyết: ")
                        + m.returned(),
                10);
        if (election) {
            line("Số phiếu hợp lệ: " + m.valid() + "    Số phiếu không hợp lệ: " + m.invalid(), 10);
        }
        line(
                "Cơ sở tính: " + baseLabel(m.base()) + " = " + m.baseCount() + "; quy định: "
                        + (m.strictlyMore() ? "hơn " : "ít nhất ") + fractionLabel(m.fraction()) + "; ngưỡng: "
                        + m.threshold()
                        + " phiếu",
                10);
        y -= 8;
        table(m, election);
        y -= 10;
        if (election) {
            line("Trúng cử: " + (m.elected().isEmpty() ? "không có" : labels(m, m.elected())), 12);
            if (!m.tiedForLastSeat().isEmpty()) {
                wrapped(
                        "Bằng phiếu ở ghế cuối (đại hội quyết định, bầu vòng tiếp theo): "
                                + labels(m, m.tiedForLastSeat()),
                        11,
                        false);
            }
            line("Số ghế còn lại: " + m.seatsRemaining(), 11);
            if (m.boxOpened() != null) {
                wrapped(
                        "Hòm phiếu niêm phong được Ban Kiểm phiếu mở bằng "
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

    private void table(Minutes m, boolean election) throws IOException {
        float[] columns = {MARGIN, MARGIN + 250, MARGIN + 330, MARGIN + 410};
        row(columns, 10, election ? "Ứng cử viên" : "Lựa chọn", "Số phiếu", "% cơ sở", election ? "Kết quả" : "");
        for (Minutes.Count count : m.counts()) {
            String pct = m.baseCount() == 0 ? "-" : String.format("%.2f%%", 100.0 * count.votes() / m.baseCount());
            String result = count.elected() == null
                    ? ""
                    : count.elected()
                            ? "Trúng cử"
                            : Boolean.TRUE.equals(count.reachedThreshold()) ? "Đạt ngưỡng" : "Không trúng cử";
            row(columns, 10, count.label(), Long.toString(count.votes()), pct, result);
        }
    }

    private void signatures() throws IOException {
        centered("TỔ KIỂM PHIẾU", 12);
        y -= 10;
        float[] columns = {MARGIN, MARGIN + 170, MARGIN + 340};
        row(columns, 10, "Tổ trưởng", "Thành viên", "Thành viên");
        y -= 40;
        row(columns, 10, "........................", "........................", "........................");
    }

    private static String labels(Minutes m, List<String> ids) {
        List<String> names = new ArrayList<>();
        for (String id : ids) {
            names.add(m.counts().stream()
                    .filter(c -> c.id().equals(id))
                    .map(Minutes.Count::label)
                    .findFirst()
                    .orElse(id));
        }
        return String.join(", ", names);
    }

    private static String baseLabel(String base) {
        return switch (base) {
            case "SUMMONED" -> "số đại biểu được triệu tập";
            case "PRESENT" -> "số đại biểu có mặt";
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
        float width = font.getStringWidth(text) / 1000 * size;
        show(text, size, (PDRectangle.A4.getWidth() - width) / 2);
    }

    private void line(String text, float size) throws IOException {
        wrapped(text, size, false);
    }

    private void wrapped(String text, float size, boolean center) throws IOException {
        float max = PDRectangle.A4.getWidth() - 2 * MARGIN;
        StringBuilder current = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = current.length() == 0 ? word : current + " " + word;
            if (font.getStringWidth(candidate) / 1000 * size > max && current.length() > 0) {
                emit(current.toString(), size, center);
                current.setLength(0);
                current.append(word);
            } else {
                current.setLength(0);
                current.append(candidate);
            }
        }
        emit(current.toString(), size, center);
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
        PDDocumentInformation info = document.getDocumentInformation();
        info.setTitle("Biên bản kiểm phiếu - " + m.title());
        info.setCreator("Congress Vote");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.save(out);
        document.close();
        return out.toByteArray();
    }
}
