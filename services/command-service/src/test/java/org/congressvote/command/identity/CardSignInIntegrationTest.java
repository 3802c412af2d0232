package org.congressvote.command.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.command.RealServersTest;
import org.congressvote.command.TestApi;
import org.congressvote.testsupport.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delegates signing in with their card in a hall where every phone comes from the same address. The global cap is the
 * configured one (the module's shared application context, at the default): the tests go beyond it, whatever it is.
 */
class CardSignInIntegrationTest extends RealServersTest {

    @Autowired
    CommandServiceProperties properties;

    private TestApi api;
    private String congress;

    @BeforeEach
    void setUp() throws Exception {
        api = api();
        congress = "cards-" + UUID.randomUUID().toString().substring(0, 8);
        api.convene(congress, 3);
        jdbc.update("DELETE FROM login_throttle WHERE subject = 'cards:all'");
    }

    @AfterEach
    void freeTheCap() {
        // the cap is global: leave it as found for the other tests of this JVM
        jdbc.update("DELETE FROM login_throttle WHERE subject = 'cards:all'");
    }

    /** A fresh card for a delegate of the congress (convened: all checked in). */
    private String card(String delegate) throws Exception {
        return api.post(
                        "/api/congresses/" + congress + "/delegates/" + delegate + "/card",
                        "{\"reason\":\"Thẻ bị mất\"}")
                .get("credentialCode")
                .asText();
    }

    private Answer exchange(String code) throws Exception {
        return api.send("POST", "/api/auth/delegate", "{\"code\":\"" + code + "\"}", null);
    }

    /** Card codes tried and not found, from all addresses together, per minute. */
    private int cap() {
        return properties.security().cardGuessesPerMinute();
    }

    private int me(String token) throws Exception {
        return api.send("GET", "/api/auth/me", null, token).statusCode();
    }

    @Test
    void aDelegateWhoSignedOutSignsInAgainWithTheSameCardAndTheOtherSessionEnds() throws Exception {
        String code = card("D001");
        String first = api.signIn(congress, "D001", code);
        assertThat(api.send("POST", "/api/auth/logout", null, first).statusCode())
                .isEqualTo(204);

        String onThePhone = api.signIn(congress, "D001", code);
        String inAnotherBrowser =
                api.signIn(congress, "D001", code.toLowerCase().replace("-", " "));

        assertThat(me(inAnotherBrowser)).isEqualTo(200);
        assertThat(me(onThePhone))
                .as("every exchange ends the delegate's other sessions")
                .isEqualTo(401);
    }

    @Test
    void aReissuedCardRevokesTheOldCodeAndItsSessions() throws Exception {
        String lost = card("D001");
        String session = api.signIn(congress, "D001", lost);
        String reissued = api.post(
                        "/api/congresses/" + congress + "/delegates/D001/card", "{\"reason\":\"Thẻ bị mất\"}")
                .get("credentialCode")
                .asText();

        assertThat(me(session)).isEqualTo(401);
        assertThat(exchange(lost).statusCode()).isEqualTo(401);
        assertThat(exchange(reissued).statusCode()).isEqualTo(200);
    }

    @Test
    void typosFromTheHallsOneAddressNeverLockOutAValidCard() throws Exception {
        String code = card("D002");
        for (int i = 0; i < 7; i++) {
            Answer typo = exchange("AAAA-BBBB-CCC" + (char) ('A' + i));
            assertThat(typo.statusCode()).as(typo.body()).isEqualTo(401);
        }
        assertThat(exchange(code).statusCode()).isEqualTo(200);
    }

    @Test
    void theSameWrongCodeTriedAgainAndAgainIsToldHowLongToWait() throws Exception {
        String code = card("D003");
        for (int i = 0; i < 6; i++) {
            assertThat(exchange("ZZZZ-ZZZZ-ZZZZ").statusCode()).isEqualTo(401);
        }
        Answer blocked = exchange("zzzz zzzz zzzz");
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("TOO_MANY_ATTEMPTS");
        assertThat(Long.parseLong(blocked.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 2L);

        assertThat(exchange(code).statusCode()).as("a valid code always works").isEqualTo(200);
    }

    @Test
    void beyondTheGlobalCapOfWrongCodesEverySignInWaitsForTheNextMinute() throws Exception {
        String code = card("D001");
        for (int i = 0; i < cap(); i++) {
            assertThat(exchange("GUES-SING-"
                                    + String.format("%02d", i).replace('0', 'A').replace('1', 'B'))
                            .statusCode())
                    .isEqualTo(401);
        }
        Answer guess = exchange("GUES-SING-XYZW");
        assertThat(guess.statusCode()).isEqualTo(429);
        assertThat(Long.parseLong(guess.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(1L, 60L);
        assertThat(exchange(code).statusCode())
                .as("a valid code waits too: the cap is what bounds guessing")
                .isEqualTo(429);
    }

    @Test
    void validCodesDoNotUseUpTheCap() throws Exception {
        String code = card("D002");
        for (int i = 0; i < cap() + 10; i++) {
            assertThat(exchange(code).statusCode()).isEqualTo(200);
        }
        assertThat(exchange("NOPE-NOPE-NOPE").statusCode()).isEqualTo(401);
    }

    @Test
    void parallelGuessesOfOneStaffAccountAreCountedBeforeTheyAreChecked() throws Exception {
        String user = "{\"username\":\"nobody-" + congress + "\",\"password\":\"wrong-password-1\"}";
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> tries = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tries.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return api.send("POST", "/api/auth/login", user, null).statusCode();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        long checked = tries.stream()
                .map(java.util.concurrent.CompletableFuture::join)
                .filter(s -> s == 401)
                .count();
        assertThat(checked)
                .as("5 free failures and the 6th that starts the block")
                .isLessThanOrEqualTo(6);
    }
}
