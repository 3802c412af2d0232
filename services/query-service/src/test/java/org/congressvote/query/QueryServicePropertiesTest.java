package org.congressvote.query;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryServicePropertiesTest {

    @Test
    void aDuplicateWindowNoLargerThanThePublishersBatchStopsTheServiceAtStartUp() {
        assertThatThrownBy(() -> new QueryServiceProperties.Tally(200, 200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("congress.tally.duplicate-window (200)")
                .hasMessageContaining("counted twice");
        assertThatNoException().isThrownBy(() -> new QueryServiceProperties.Tally(500, 200));
    }
}
