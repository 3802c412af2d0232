package org.congressvote.command.minutes;

import com.google.zxing.Binarizer;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * Reads the QR code on printed minutes as a phone's scanner app does: several frames (here renderings at three
 * resolutions) and both of ZXing's binarizers, stopping at the first that decodes. One rendering of a whole page
 * read once still misses about one in a hundred, as ZXing's finder can lock onto the text around the code.
 */
public final class QrScanner {

    private static final int[] DPI = {150, 200, 300};
    private static final List<Function<LuminanceSource, Binarizer>> BINARIZERS =
            List.of(HybridBinarizer::new, GlobalHistogramBinarizer::new);

    private QrScanner() {}

    /** The text of the first QR code found on any page, or null if none decodes. */
    public static String scan(PDDocument doc) throws IOException {
        PDFRenderer renderer = new PDFRenderer(doc);
        for (int page = 0; page < doc.getNumberOfPages(); page++) {
            for (int dpi : DPI) {
                BufferedImage image = renderer.renderImageWithDPI(page, dpi);
                int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
                LuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
                for (Function<LuminanceSource, Binarizer> binarizer : BINARIZERS) {
                    try {
                        return new QRCodeReader()
                                .decode(
                                        new BinaryBitmap(binarizer.apply(source)),
                                        Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                                .getText();
                    } catch (ReaderException notInThisFrame) {
                        // the next frame
                    }
                }
            }
        }
        return null;
    }
}
