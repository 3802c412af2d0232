package org.congressvote.query.election;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.congressvote.query.web.ViewProblem;
import org.junit.jupiter.api.Test;

class ReceiptCodesTest {

    @Test
    void aCodeTypedAnyWayBecomesTheCodeAsShown() {
        assertThat(ReceiptCodes.normalise("ABCD-EFGH-JKLM")).isEqualTo("ABCD-EFGH-JKLM");
        assertThat(ReceiptCodes.normalise("abcd efgh jklm")).isEqualTo("ABCD-EFGH-JKLM");
        assertThat(ReceiptCodes.normalise(" abcdEFGH-jk lm ")).isEqualTo("ABCD-EFGH-JKLM");
        assertThat(ReceiptCodes.normalise("ab-cd-ef-gh-jk-lm")).isEqualTo("ABCD-EFGH-JKLM");
    }

    @Test
    void theHashIsTheCommandSidesSha256OfTheCodeAsShown() throws Exception {
        String expected = HexFormat.of()
                .formatHex(
                        MessageDigest.getInstance("SHA-256").digest("ABCD-EFGH-JKLM".getBytes(StandardCharsets.UTF_8)));

        assertThat(ReceiptCodes.hash("abcd efgh jklm")).isEqualTo(expected);
    }

    @Test
    void somethingThatCannotBeACodeIsRefused() {
        assertThatThrownBy(() -> ReceiptCodes.normalise("ABCD/EFGH")).isInstanceOf(ViewProblem.class);
        assertThatThrownBy(() -> ReceiptCodes.normalise("   ")).isInstanceOf(ViewProblem.class);
        assertThatThrownBy(() -> ReceiptCodes.normalise("ÄBCD-EFGH-JKLM")).isInstanceOf(ViewProblem.class);
    }
}
