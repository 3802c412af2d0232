package org.congressvote.command;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI description says what the service answers: 201 for what a POST creates, staff roles only for accounts,
 * the problems each endpoint can answer with their error codes, and the format of the ids in the paths.
 */
class ApiDescriptionIntegrationTest extends RealServersTest {

    @Test
    void createsVotesAndBallotsAreDescribedAs201AndAnAccountCannotBeADelegate() throws Exception {
        JsonNode doc = description();
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

    @Test
    void everyEndpointListsTheProblemsItCanAnswerWithTheirErrorCodes() throws Exception {
        JsonNode doc = description();

        JsonNode vote = doc.at("/paths/~1api~1motions~1{motionId}~1votes/post/responses");
        assertThat(codes(vote, "409")).contains("ALREADY_VOTED", "MOTION_NOT_OPEN", "DELEGATE_NOT_PRESENT");
        assertThat(codes(vote, "404")).contains("MOTION_NOT_FOUND");
        assertThat(codes(vote, "401")).containsExactly("UNAUTHENTICATED");
        JsonNode ballot = doc.at("/paths/~1api~1rounds~1{roundId}~1ballots/post/responses");
        assertThat(codes(ballot, "400")).contains("INVALID_REQUEST", "INVALID_BALLOT");
        assertThat(codes(ballot, "409")).contains("ROUND_NOT_OPEN", "ALREADY_VOTED");
        JsonNode roster = doc.at("/paths/~1api~1congresses~1{congressId}~1roster/post/responses");
        assertThat(codes(roster, "422")).containsExactly("ROSTER_REJECTED");
        // signing in needs no session: a wrong code is BAD_CREDENTIALS, never UNAUTHENTICATED
        JsonNode login = doc.at("/paths/~1api~1auth~1delegate/post/responses");
        assertThat(codes(login, "401")).containsExactly("BAD_CREDENTIALS");
        assertThat(codes(login, "429")).containsExactly("TOO_MANY_ATTEMPTS");

        List<String> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (!path.getKey().startsWith("/api/")) {
                return;
            }
            path.getValue().fields().forEachRemaining(operation -> {
                String name = operation.getKey().toUpperCase() + " " + path.getKey();
                operations.add(name);
                JsonNode responses = operation.getValue().path("responses");
                assertThat(codes(responses, "400")).as(name).contains("INVALID_REQUEST");
                responses.fields().forEachRemaining(response -> {
                    int status = Integer.parseInt(response.getKey());
                    if (status < 400) {
                        return;
                    }
                    List<String> listed = codes(responses, response.getKey());
                    assertThat(listed).as("%s %d", name, status).isNotEmpty();
                    for (String code : listed) {
                        assertThat(ErrorCode.valueOf(code).status())
                                .as("%s: %s under %d", name, code, status)
                                .isEqualTo(status);
                    }
                });
            });
        });
        assertThat(operations).hasSizeGreaterThan(30);
    }

    @Test
    void idsInThePathsCarryTheirFormat() throws Exception {
        JsonNode parameters = description().at("/paths/~1api~1motions~1{motionId}~1votes/post/parameters");
        JsonNode motionId = null;
        for (JsonNode parameter : parameters) {
            if (parameter.path("name").asText().equals("motionId")) {
                motionId = parameter;
            }
        }
        assertThat(motionId).isNotNull();
        assertThat(motionId.path("description").asText()).isEqualTo("1 to 64 letters, digits or . _ ~ - characters");
        String pattern = motionId.path("schema").path("pattern").asText();
        assertThat("motion-1.a_b~c").matches(pattern);
        assertThat("motion 1").doesNotMatch(pattern);
        assertThat("m".repeat(65)).doesNotMatch(pattern);
    }

    /**
     * The description, asked again when the first answer takes longer than the client waits: springdoc builds it on the
     * first request (slow on a busy machine) and then keeps it.
     */
    private JsonNode description() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                Answer answer = api().send("GET", "/v3/api-docs", null, null);
                assertThat(answer.statusCode()).isEqualTo(200);
                return new ObjectMapper().readTree(answer.body());
            } catch (java.net.http.HttpTimeoutException slow) {
                if (attempt == 5) {
                    throw slow;
                }
            }
        }
    }

    /** The error codes a problem response lists, or none when the status is not described. */
    private static List<String> codes(JsonNode responses, String status) {
        List<String> codes = new ArrayList<>();
        responses
                .path(status)
                .path("content")
                .path("application/problem+json")
                .path("schema")
                .path("properties")
                .path("code")
                .path("enum")
                .forEach(c -> codes.add(c.asText()));
        return codes;
    }
}
