package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI description says what the service answers: 201 for what a POST creates, staff roles only for accounts. */
class ApiDescriptionIntegrationTest extends RealServersTest {

    @Test
    void createsVotesAndBallotsAreDescribedAs201AndAnAccountCannotBeADelegate() throws Exception {
        HttpResponse<String> answer = api().send("GET", "/v3/api-docs", null, null);
        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode doc = new ObjectMapper().readTree(answer.body());
        List<String> created = List.of(
                "/api/congresses",
                "/api/congresses/{congressId}/delegates",
                "/api/congresses/{congressId}/roster",
                "/api/congresses/{congressId}/motions",
                "/api/congresses/{congressId}/elections",
                "/api/motions/{motionId}/votes",
                "/api/elections/{electionId}/rounds",
                "/api/rounds/{roundId}/ballots",
                "/api/auth/accounts");
        for (String path : created) {
            JsonNode responses = doc.path("paths").path(path).path("post").path("responses");
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            assertThat(codes).as(path).contains("201").doesNotContain("200");
        }
        JsonNode role = doc.path("components")
                .path("schemas")
                .path("NewAccount")
                .path("properties")
                .path("role");
        List<String> roles = new ArrayList<>();
        role.path("enum").forEach(r -> roles.add(r.asText()));
        assertThat(roles).containsExactlyInAnyOrder("SECRETARIAT", "CREDENTIALS", "COUNTING");
    }
}
