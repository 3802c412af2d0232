package org.congressvote.command.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.congressvote.command.apidoc.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Signing in: staff with a password, delegates with the one-time code on their card. */
@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final Identities identities;

    AuthController(Identities identities) {
        this.identities = identities;
    }

    record LoginRequest(String username, String password) {}

    record CardRequest(String code) {}

    record SessionResponse(
            String token, Role role, String subject, String congressId, String delegateId, Instant expiresAt) {
        static SessionResponse of(Identities.Session s) {
            return new SessionResponse(
                    s.token(),
                    s.principal().role(),
                    s.principal().subject(),
                    s.principal().congressId(),
                    s.principal().delegateId(),
                    s.expiresAt());
        }
    }

    record Me(String subject, Role role, String congressId, String delegateId) {}

    record NewAccount(
            String username,
            String password,

            @Schema(
                    allowableValues = {"SECRETARIAT", "CREDENTIALS", "COUNTING"},
                    description = "a staff role; delegates get a card, not an account")
            Role role) {}

    @ProblemCodes(
            value = {ErrorCode.BAD_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS},
            signedIn = false)
    @PostMapping("/login")
    SessionResponse login(@RequestBody LoginRequest request) {
        InputLimits.username(request.username(), "username");
        InputLimits.password(request.password(), "password");
        return SessionResponse.of(identities.login(request.username(), request.password()));
    }

    @ProblemCodes(
            value = {ErrorCode.BAD_CREDENTIALS, ErrorCode.TOO_MANY_ATTEMPTS},
            signedIn = false)
    @PostMapping("/delegate")
    SessionResponse delegate(@RequestBody CardRequest request) {
        InputLimits.line(request.code(), "code", InputLimits.CODE_MAX);
        return SessionResponse.of(identities.exchangeCard(request.code()));
    }

    @GetMapping("/me")
    Me me(@AuthenticationPrincipal Principal principal) {
        return new Me(principal.subject(), principal.role(), principal.congressId(), principal.delegateId());
    }

    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logout(@RequestHeader("Authorization") String authorization) {
        identities.logout(authorization.substring(7).strip());
    }

    @ProblemCodes({ErrorCode.ALREADY_EXISTS})
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    Me createAccount(@AuthenticationPrincipal Principal principal, @RequestBody NewAccount request) {
        if (principal.role() != Role.SECRETARIAT) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "only the secretariat creates accounts");
        }
        InputLimits.username(request.username(), "username");
        InputLimits.newPassword(request.password(), "password");
        identities.createAccount(request.username(), request.password(), request.role());
        return new Me(request.username(), request.role(), null, null);
    }
}
