package org.congressvote.command.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.Test;

/**
 * What an operator's Prometheus and an anonymous health check see of the command-service. Spring Boot's tests turn
 * metrics export off unless asked: {@link RealServersTest} asks, for every test of the module (one shared application
 * context); the counters are compared before and after, so what other tests counted does not matter.
 */
class MetricsIntegrationTest extends RealServersTest {

    @Test
    void prometheusCountsAnAcceptedAndARefusedVoteWithItsCode() throws Exception {
        TestApi api = api();
        String congress = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        api.convene(congress, 1);
        String motion = congress + "-m1";
        api.post("/api/congresses/" + congress + "/motions", "{\"motionId\":\"" + motion + "\",\"title\":\"Agenda\"}");
        api.post("/api/motions/" + motion + "/open", "");
        String before = prometheus(api);

        Answer vote = api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"AGREE\"}");
        Answer second =
                api.asDelegate(congress, "D001", "/api/motions/" + motion + "/votes", "{\"choice\":\"DISAGREE\"}");
        String after = prometheus(api);

        assertThat(vote.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(value(after, "congress_commands_total", "CastVoteCommand", "accepted", "none")
                        - value(before, "congress_commands_total", "CastVoteCommand", "accepted", "none"))
                .isEqualTo(1.0);
        assertThat(value(after, "congress_commands_total", "CastVoteCommand", "refused", "ALREADY_VOTED")
                        - value(before, "congress_commands_total", "CastVoteCommand", "refused", "ALREADY_VOTED"))
                .isEqualTo(1.0);
        assertThat(count(after, "CastVoteCommand") - count(before, "CastVoteCommand"))
                .isEqualTo(2.0);
        assertThat(after).contains("congress_command_latency_seconds_bucket{command=\"CastVoteCommand\",le=\"0.05\"}");
        // a number on the instance that holds the publisher's token, NaN on the others (in this test JVM, other
        // cached application contexts on the same database may hold it): the alert takes the max over instances
        assertThat(after).containsPattern("congress_processor_lag\\{processor=\"kafka-publisher\"} (\\d|NaN)");
        assertThat(after).contains("congress_chain_intact");
    }

    @Test
    void aFailedSignInIsCounted() throws Exception {
        TestApi api = api();
        double before = signInFailures(prometheus(api));

        Answer wrong =
                api.send("POST", "/api/auth/login", "{\"username\":\"admin\",\"password\":\"not-the-password\"}", null);

        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(signInFailures(prometheus(api)) - before).isEqualTo(1.0);
    }

    @Test
    void anonymousHealthShowsOnlyTheStatusAndStaffSeeTheDetails() throws Exception {
        TestApi api = api();

        Answer anonymous = api.send("GET", "/actuator/health", null, null);
        Answer staff = api.send("GET", "/actuator/health", null, api.admin());

        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(staff.body()).startsWith("{\"status\":\"UP\"").contains("\"components\"", "\"db\"");
    }

    private static String prometheus(TestApi api) throws Exception {
        Answer response = api.send("GET", "/actuator/prometheus", null, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** A counter's value, 0 when it has not been created yet. */
    private static double value(String scrape, String name, String command, String outcome, String code) {
        return find(
                scrape,
                Pattern.quote(name + "{code=\"" + code + "\",command=\"" + command + "\",outcome=\"" + outcome + "\"}")
                        + " (\\S+)");
    }

    private static double count(String scrape, String command) {
        return find(
                scrape,
                Pattern.quote("congress_command_latency_seconds_count{command=\"" + command + "\"}") + " (\\S+)");
    }

    private static double signInFailures(String scrape) {
        return find(scrape, Pattern.quote("congress_signin_failures_total{kind=\"staff\"}") + " (\\S+)");
    }

    private static double find(String scrape, String regex) {
        Matcher matcher = Pattern.compile("(?m)^" + regex + "$").matcher(scrape);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0.0;
    }
}
