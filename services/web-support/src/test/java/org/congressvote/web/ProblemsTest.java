package org.congressvote.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.congressvote.api.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

class ProblemsTest {

    @Test
    void aWrittenProblemCarriesTheCodesStatusTypeAndAnEscapedDetail() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        Problems.write(response, ErrorCode.STORE_UNAVAILABLE, "Đợi \"một\" chút\n");

        JsonNode body = new ObjectMapper().readTree(response.getContentAsByteArray());
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getHeader("Retry-After")).isEqualTo("2");
        assertThat(body.get("code").asText()).isEqualTo("STORE_UNAVAILABLE");
        assertThat(body.get("status").asInt()).isEqualTo(503);
        assertThat(body.get("type").asText()).isEqualTo("https://congress-vote.example/problems/store-unavailable");
        assertThat(body.get("detail").asText()).isEqualTo("Đợi \"một\" chút\n");
    }

    @Test
    void theSpringProblemAndTheWrittenOneAgree() {
        var detail = Problems.detail(ErrorCode.ROUND_NOT_OPEN, "closed");
        var json = Problems.json(ErrorCode.ROUND_NOT_OPEN, "closed");

        assertThat(detail.getStatus()).isEqualTo(json.get("status").asInt()).isEqualTo(409);
        assertThat(detail.getType().toString()).isEqualTo(json.get("type").asText());
        assertThat(detail.getTitle()).isEqualTo(json.get("title").asText());
        assertThat(detail.getProperties()).containsEntry("code", "ROUND_NOT_OPEN");
    }
}
