package org.congressvote.command.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who may call which command-side endpoint (docs/security.md, "Who may do what"): for every endpoint and every role,
 * and without a session, the answer is 401 UNAUTHENTICATED, 403 FORBIDDEN or the endpoint itself. The security
 * configuration is the real one; behind it, every endpoint but the sign-in controller's answers 204 "reached", so
 * what is checked here is the door, not what is behind it (the integration tests do that on the real servers).
 */
// Reached is imported: a test's nested classes are left out of the slice's scan
@WebMvcTest(controllers = AuthController.class)
@Import({SecurityConfig.class, RoleMatrixTest.Reached.class, RoleMatrixTest.Meters.class})
class RoleMatrixTest {

    /** The command admission filter (web) counts what it sheds: the slice has no metrics of its own. */
    static class Meters {
        @org.springframework.context.annotation.Bean
        io.micrometer.core.instrument.MeterRegistry meterRegistry() {
            return new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        }
    }

    /** Stands for every endpoint behind the door: answers 204 when a request got through. */
    @RestController
    static class Reached {
        @RequestMapping("/api/**")
        ResponseEntity<Void> reached() {
            return ResponseEntity.noContent().build();
        }
    }

    private static final Set<Role> SECRETARIAT = EnumSet.of(Role.SECRETARIAT);
    private static final Set<Role> SECRETARIAT_OR_CREDENTIALS = EnumSet.of(Role.SECRETARIAT, Role.CREDENTIALS);
    private static final Set<Role> STAFF = EnumSet.of(Role.SECRETARIAT, Role.CREDENTIALS, Role.COUNTING);
    private static final Set<Role> COUNTING = EnumSet.of(Role.COUNTING);
    private static final Set<Role> DELEGATE = EnumSet.of(Role.DELEGATE);
    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    @Autowired
    MockMvc mvc;

    @Autowired
    ObjectMapper json;

    @MockitoBean
    Identities identities;

    @BeforeEach
    void sessions() {
        when(identities.authenticate(anyString())).thenReturn(Optional.empty());
        when(identities.login(anyString(), anyString())).thenThrow(new Identities.BadCredentials("wrong"));
        when(identities.exchangeCard(anyString())).thenThrow(new Identities.BadCredentials("wrong"));
        for (Role role : Role.values()) {
            Principal principal = role == Role.DELEGATE
                    ? new Principal("delegate:c1/D001", role, "c1", "D001")
                    : new Principal(role.name().toLowerCase(), role, null, null);
            when(identities.authenticate(token(role))).thenReturn(Optional.of(principal));
        }
    }

    static Stream<Arguments> endpoints() {
        List<Arguments> rows = new ArrayList<>();
        // the congress, its roster and its session: the secretariat
        for (String path : List.of(
                "/api/congresses",
                "/api/congresses/c1/delegates",
                "/api/congresses/c1/roster",
                "/api/congresses/c1/session/open",
                "/api/congresses/c1/close",
                "/api/congresses/c1/motions",
                "/api/congresses/c1/elections",
                "/api/motions/m1/open",
                "/api/motions/m1/close",
                "/api/elections/e1/rounds",
                "/api/elections/e1/open",
                "/api/elections/e1/close")) {
            rows.add(Arguments.of("POST", path, SECRETARIAT));
        }
        // who sits and votes: the credentials committee, or the secretariat
        for (String path : List.of(
                "/api/congresses/c1/delegates/D001/credentials",
                "/api/congresses/c1/credentials/accept-pending",
                "/api/congresses/c1/credentials/complete",
                "/api/congresses/c1/alternates",
                "/api/congresses/c1/delegates/D001/absence",
                "/api/congresses/c1/delegates/D001/check-in",
                "/api/congresses/c1/delegates/D001/check-out",
                "/api/congresses/c1/delegates/D001/card")) {
            rows.add(Arguments.of("POST", path, SECRETARIAT_OR_CREDENTIALS));
        }
        // voting: delegates only, never staff
        rows.add(Arguments.of("POST", "/api/motions/m1/votes", DELEGATE));
        rows.add(Arguments.of("POST", "/api/rounds/r1/ballots", DELEGATE));
        rows.add(Arguments.of("GET", "/api/delegate/me", DELEGATE));
        rows.add(Arguments.of("GET", "/api/delegate/motions/m1/proof", DELEGATE));
        rows.add(Arguments.of("POST", "/api/delegate/elections/e1/nominations", DELEGATE));
        // the ballot box's key: the vote-counting committee only
        rows.add(Arguments.of("POST", "/api/elections/e1/key", COUNTING));
        rows.add(Arguments.of("POST", "/api/elections/e1/shares", COUNTING));
        // reads of the record: staff, never a delegate
        for (String path : List.of(
                "/api/motions/m1/votes",
                "/api/elections/e1/shares",
                "/api/audit/events",
                "/api/audit/verify",
                "/api/audit/heads",
                "/api/audit/consistency",
                "/api/audit/cross-check",
                "/api/audit/proof/inclusion",
                "/api/minutes/motions/m1",
                "/api/minutes/elections/e1/rounds/1.pdf")) {
            rows.add(Arguments.of("GET", path, STAFF));
        }
        // a head typed from paper is checked like one given in the address: a read
        rows.add(Arguments.of("POST", "/api/audit/consistency", STAFF));
        // sessions
        rows.add(Arguments.of("GET", "/api/auth/me", EVERYONE));
        rows.add(Arguments.of("POST", "/api/auth/logout", EVERYONE));
        rows.add(Arguments.of("POST", "/api/auth/accounts", SECRETARIAT));
        // anything not listed under /api: the secretariat
        rows.add(Arguments.of("POST", "/api/something-new", SECRETARIAT));
        rows.add(Arguments.of("DELETE", "/api/congresses/c1", SECRETARIAT));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @MethodSource("endpoints")
    void eachRoleMayCallOnlyTheEndpointsItsWorkNeeds(String method, String path, Set<Role> allowed) throws Exception {
        MvcResult anonymous = call(method, path, null);
        assertThat(anonymous.getResponse().getStatus())
                .as("%s %s without a session", method, path)
                .isEqualTo(401);
        assertThat(code(anonymous)).isEqualTo("UNAUTHENTICATED");

        for (Role role : Role.values()) {
            MvcResult answer = call(method, path, role);
            int status = answer.getResponse().getStatus();
            if (allowed.contains(role)) {
                assertThat(status)
                        .as("%s %s as %s is let through", method, path, role)
                        .isBetween(200, 299);
            } else {
                assertThat(status).as("%s %s as %s", method, path, role).isEqualTo(403);
                assertThat(code(answer)).isEqualTo("FORBIDDEN");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signIns")
    void anyoneMaySignIn(String path) throws Exception {
        // without a session the request reaches the sign-in itself, which refuses these credentials
        MvcResult answer = call("POST", path, null);
        assertThat(answer.getResponse().getStatus()).isEqualTo(401);
        assertThat(code(answer)).isEqualTo("BAD_CREDENTIALS");
    }

    static Stream<String> signIns() {
        return Stream.of("/api/auth/login", "/api/auth/delegate");
    }

    private MvcResult call(String method, String path, Role role) throws Exception {
        var request = request(HttpMethod.valueOf(method), path)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body(path));
        if (role != null) {
            request.header("Authorization", "Bearer " + token(role));
        }
        return mvc.perform(request).andReturn();
    }

    /** A body the endpoint accepts, where the endpoint behind the door is a real one (the sign-in controller). */
    private static String body(String path) {
        return switch (path) {
            case "/api/auth/accounts" ->
                "{\"username\":\"clerk2\",\"password\":\"a long enough password\"," + "\"role\":\"CREDENTIALS\"}";
            case "/api/auth/login" -> "{\"username\":\"someone\",\"password\":\"a long enough password\"}";
            case "/api/auth/delegate" -> "{\"code\":\"ABCD-EFGH-JKLM\"}";
            default -> "{}";
        };
    }

    private String code(MvcResult result) throws Exception {
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        return problem.path("code").asText();
    }

    private static String token(Role role) {
        return "token-of-" + role.name().toLowerCase();
    }
}
