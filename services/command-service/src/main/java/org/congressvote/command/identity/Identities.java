package org.congressvote.command.identity;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.congressvote.api.Sha256;
import org.congressvote.api.error.DomainRuleViolation;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.CommandServiceProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Staff accounts, delegate card codes and sessions, in PostgreSQL beside the event store but never in it. Secrets
 * are stored only as hashes: BCrypt for passwords, SHA-256 for random tokens and codes.
 */
@Component
public class Identities implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(Identities.class);
    private static final int FREE_FAILURES = 5;
    private static final String GUESSES = "cards:all";

    private final JdbcTemplate jdbc;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder(12);
    private final Duration staffSession;
    private final Duration delegateSession;
    private final String initialAdminPassword;
    private final SessionCache sessions;
    private final int guessesPerMinute;
    // A hash to compare against when the user does not exist, so that both cases take the same time.
    private final String decoy = new BCryptPasswordEncoder(12).encode(Tokens.password());

    Identities(JdbcTemplate jdbc, CommandServiceProperties properties) {
        CommandServiceProperties.Security security = properties.security();
        this.jdbc = jdbc;
        this.guessesPerMinute = security.cardGuessesPerMinute();
        this.sessions = new SessionCache(security.sessionCache(), security.sessionCacheEntries());
        this.staffSession = security.staffSession();
        this.delegateSession = security.delegateSession();
        this.initialAdminPassword = security.adminPassword();
    }

    /**
     * The first administrator: from CONGRESS_ADMIN_PASSWORD, or a password generated and printed once. Created before
     * the web server opens (after every bean, the schema included, is ready), so that a client that sees the service
     * up can sign in at once.
     */
    @Override
    public void afterSingletonsInstantiated() {
        Integer accounts = jdbc.queryForObject("SELECT count(*) FROM staff_account", Integer.class);
        if (accounts != null && accounts > 0) {
            return;
        }
        boolean generated = initialAdminPassword == null || initialAdminPassword.isBlank();
        String password = generated ? Tokens.password() : initialAdminPassword;
        int created = jdbc.update(
                "INSERT INTO staff_account (username, password_hash, role) VALUES ('admin', ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                passwords.encode(password),
                Role.SECRETARIAT.name());
        if (created == 1 && generated) {
            LOG.warn(
                    "\n\n  First start: administrator account 'admin' created with password  {}\n"
                            + "  It is shown this once only. Set CONGRESS_ADMIN_PASSWORD to choose it instead.\n",
                    password);
        } else if (created == 1) {
            LOG.info("First start: administrator account 'admin' created from CONGRESS_ADMIN_PASSWORD");
        }
    }

    public record Session(String token, Principal principal, Instant expiresAt) {}

    /** Thrown when a caller must wait before trying again (repeated failed logins). */
    public static class TooManyAttempts extends RuntimeException {
        private final long retryAfterSeconds;

        TooManyAttempts(long retryAfterSeconds) {
            super(
                    "Too many failed attempts: wait " + retryAfterSeconds + " s before trying again.",
                    null,
                    false,
                    false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Thrown for a wrong password, an unknown user or a bad code; never says which. */
    public static class BadCredentials extends RuntimeException {
        BadCredentials(String message) {
            super(message, null, false, false);
        }
    }

    @Transactional(noRollbackFor = BadCredentials.class)
    public Session login(String username, String password) {
        String subject = "user:" + (username == null ? "" : username.toLowerCase());
        attempt(subject);
        List<String[]> account = jdbc.query(
                "SELECT password_hash, role FROM staff_account WHERE username = ?",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                username == null ? "" : username.toLowerCase());
        String hash = account.isEmpty() ? decoy : account.get(0)[0];
        boolean matches = passwords.matches(password == null ? "" : password, hash);
        if (account.isEmpty() || !matches) {
            throw new BadCredentials("Wrong username or password.");
        }
        jdbc.update("DELETE FROM login_throttle WHERE subject = ?", subject);
        return open(new Principal(username.toLowerCase(), Role.valueOf(account.get(0)[1]), null, null), staffSession);
    }

    @Transactional
    public void createAccount(String username, String password, Role role) {
        if (username == null || !username.matches("[a-z0-9._-]{3,64}")) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "A username is 3 to 64 lower-case letters, digits or . _ -");
        }
        if (password == null || password.length() < 12) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "A password needs at least 12 characters.");
        }
        if (role == null || role == Role.DELEGATE) {
            throw new DomainRuleViolation(
                    ErrorCode.INVALID_REQUEST, "Staff roles are SECRETARIAT, CREDENTIALS and COUNTING.");
        }
        int created = jdbc.update(
                "INSERT INTO staff_account (username, password_hash, role) VALUES (?, ?, ?) "
                        + "ON CONFLICT DO NOTHING",
                username,
                passwords.encode(password),
                role.name());
        if (created == 0) {
            throw new DomainRuleViolation(ErrorCode.INVALID_REQUEST, "The username " + username + " is taken.");
        }
    }

    /** Issues a new card code for a delegate, revoking any earlier code and every session of theirs. */
    @Transactional
    public String issueCard(String congressId, String delegateId) {
        revokeDelegate(congressId, delegateId);
        String code = Tokens.cardCode();
        jdbc.update(
                "INSERT INTO delegate_credential (code_hash, congress_id, delegate_id) VALUES (?, ?, ?)",
                Sha256.hex(Tokens.normaliseCode(code)),
                congressId,
                delegateId);
        return code;
    }

    /** Whether the delegate already holds a card that is not revoked. */
    public boolean hasCard(String congressId, String delegateId) {
        Integer cards = jdbc.queryForObject(
                "SELECT count(*) FROM delegate_credential WHERE congress_id = ? "
                        + "AND delegate_id = ? AND NOT revoked",
                Integer.class,
                congressId,
                delegateId);
        return cards != null && cards > 0;
    }

    @Transactional
    public void revokeDelegate(String congressId, String delegateId) {
        jdbc.update(
                "UPDATE delegate_credential SET revoked = true WHERE congress_id = ? AND delegate_id = ?",
                congressId,
                delegateId);
        jdbc.update(
                "UPDATE auth_session SET revoked = true WHERE congress_id = ? AND delegate_id = ?",
                congressId,
                delegateId);
        // and again once committed: a request in between may have read the sessions before the revocation
        sessions.forgetDelegate(congressId, delegateId);
        afterCommit(() -> sessions.forgetDelegate(congressId, delegateId));
    }

    /**
     * Exchanges a card code for a session bound to that delegate alone. The code can be exchanged again (a delegate
     * who signed out, closed the tab or changed browser signs in again on their own), and every exchange revokes the
     * delegate's other sessions: whoever holds the card holds the only session, as with a one-time code. Guessing is
     * bounded by the throttle per code and the global cap on failed exchanges (docs/security.md), not per address:
     * a hall's phones share one.
     */
    @Transactional(noRollbackFor = BadCredentials.class)
    public Session exchangeCard(String code) {
        String codeHash = Sha256.hex(Tokens.normaliseCode(code));
        String subject = "card:" + codeHash;
        attempt(subject);
        attemptGuess();
        List<String[]> card = jdbc.query(
                "UPDATE delegate_credential SET used_at = now() WHERE code_hash = ? "
                        + "AND NOT revoked RETURNING congress_id, delegate_id",
                (rs, n) -> new String[] {rs.getString(1), rs.getString(2)},
                codeHash);
        if (card.isEmpty()) {
            throw new BadCredentials(
                    "This code is not valid: it may be mistyped or revoked. " + "Ask the secretariat for a new card.");
        }
        jdbc.update("DELETE FROM login_throttle WHERE subject = ?", subject);
        jdbc.update("UPDATE login_throttle SET failures = failures - 1 WHERE subject = ? AND failures > 0", GUESSES);
        String congressId = card.get(0)[0];
        String delegateId = card.get(0)[1];
        jdbc.update(
                "UPDATE auth_session SET revoked = true WHERE congress_id = ? AND delegate_id = ? AND NOT revoked",
                congressId,
                delegateId);
        sessions.forgetDelegate(congressId, delegateId);
        afterCommit(() -> sessions.forgetDelegate(congressId, delegateId));
        return open(
                new Principal("delegate:" + congressId + "/" + delegateId, Role.DELEGATE, congressId, delegateId),
                delegateSession);
    }

    /**
     * The session's principal, if the token is a valid session; a valid session seen within the last
     * {@code congress.security.session-cache} is not read again (see {@link SessionCache}).
     */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = Sha256.hex(token);
        Principal cached = sessions.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        record Found(Principal principal, Instant expiresAt) {}
        Optional<Found> found = jdbc
                .query(
                        "SELECT subject, role, congress_id, delegate_id, expires_at FROM auth_session "
                                + "WHERE token_hash = ? AND NOT revoked AND expires_at > now()",
                        (rs, n) -> new Found(
                                new Principal(
                                        rs.getString(1),
                                        Role.valueOf(rs.getString(2)),
                                        rs.getString(3),
                                        rs.getString(4)),
                                rs.getTimestamp(5).toInstant()),
                        hash)
                .stream()
                .findFirst();
        found.ifPresent(f -> sessions.put(hash, f.principal(), f.expiresAt()));
        return found.map(Found::principal);
    }

    public void logout(String token) {
        String hash = Sha256.hex(token);
        jdbc.update("UPDATE auth_session SET revoked = true WHERE token_hash = ?", hash);
        sessions.forget(hash);
    }

    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    private Session open(Principal principal, Duration lifetime) {
        String token = Tokens.sessionToken();
        Instant expires = Instant.now().plus(lifetime);
        jdbc.update(
                "INSERT INTO auth_session (token_hash, subject, role, congress_id, delegate_id, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)",
                Sha256.hex(token),
                principal.subject(),
                principal.role().name(),
                principal.congressId(),
                principal.delegateId(),
                Timestamp.from(expires));
        return new Session(token, principal, expires);
    }

    /**
     * Counts an attempt as a failure before it is checked (a success takes it back), in one statement, so parallel
     * attempts cannot all pass a check made before any of them failed. After 5 failures each further one blocks the
     * subject for twice as long: 2 s, 4 s ... up to 15 min; an attempt while blocked is refused unchecked.
     */
    private void attempt(String subject) {
        List<Integer> counted = jdbc.queryForList(
                "INSERT INTO login_throttle (subject, failures, blocked_until) "
                        + "VALUES (?, 1, now()) ON CONFLICT (subject) DO UPDATE SET failures = login_throttle.failures + 1, "
                        + "blocked_until = CASE WHEN login_throttle.failures + 1 > ? THEN now() + make_interval(secs => "
                        + "LEAST(900, power(2, login_throttle.failures + 1 - ?))) ELSE now() END "
                        + "WHERE login_throttle.blocked_until <= now() RETURNING failures",
                Integer.class,
                subject,
                FREE_FAILURES,
                FREE_FAILURES);
        if (counted.isEmpty()) {
            throw new TooManyAttempts(secondsBlocked(subject));
        }
    }

    /**
     * The global cap on card codes tried and not (yet) found: at most {@code guessesPerMinute} in a fixed minute,
     * from every address together; beyond it every exchange waits for the next minute. This, not the address, is
     * what bounds guessing (docs/security.md).
     */
    private void attemptGuess() {
        List<Integer> counted = jdbc.queryForList(
                "INSERT INTO login_throttle (subject, failures, blocked_until) "
                        + "VALUES (?, 1, now() + interval '1 minute') ON CONFLICT (subject) DO UPDATE SET "
                        + "failures = CASE WHEN login_throttle.blocked_until <= now() THEN 1 ELSE login_throttle.failures + 1 END, "
                        + "blocked_until = CASE WHEN login_throttle.blocked_until <= now() THEN now() + interval '1 minute' "
                        + "ELSE login_throttle.blocked_until END RETURNING failures",
                Integer.class,
                GUESSES);
        if (counted.get(0) > guessesPerMinute) {
            throw new TooManyAttempts(secondsBlocked(GUESSES));
        }
    }

    private long secondsBlocked(String subject) {
        List<Timestamp> until = jdbc.queryForList(
                "SELECT blocked_until FROM login_throttle WHERE subject = ?", Timestamp.class, subject);
        return until.isEmpty()
                ? 1
                : Math.max(
                        1,
                        Duration.between(Instant.now(), until.get(0).toInstant())
                                        .toSeconds()
                                + 1);
    }
}
