package org.congressvote.command.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.web.Problems;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what. Requests authenticate with a bearer token in the Authorization header; there are no cookies,
 * so a cross-site page cannot make a browser send a request as its user (no CSRF surface). The role matrix is in
 * docs/security.md; delegates are further bound to themselves in the controllers.
 */
@Configuration
class SecurityConfig {

    private static final String SECRETARIAT = Role.SECRETARIAT.name();
    private static final String CREDENTIALS = Role.CREDENTIALS.name();
    private static final String COUNTING = Role.COUNTING.name();
    private static final String DELEGATE = Role.DELEGATE.name();

    /**
     * The matchers below compare the path with Spring's parsed path patterns. Spring Security's default on a Spring
     * MVC application asks the MVC handler mappings about every pattern on every request (HandlerMappingIntrospector),
     * which took a large part of the command-service's CPU per vote. The patterns mean the same here: every
     * controller maps its paths literally, with no suffix or trailing-slash matching.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** No Micrometer observation around each security filter: nothing reads them, and they cost on every request. */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, Identities identities, ObjectMapper json, CommandServiceProperties properties)
            throws Exception {
        http.csrf(csrf -> csrf.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                                contentSecurityPolicy(properties.pages().queryBase())))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .addFilterBefore(new BearerTokenFilter(identities), AnonymousAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint((request, response, ex) -> Problems.write(
                                response,
                                ErrorCode.UNAUTHENTICATED,
                                "Sign in first: this needs a valid session (it may have expired or been revoked)."))
                        .accessDeniedHandler((request, response, ex) ->
                                Problems.write(response, ErrorCode.FORBIDDEN, "Your role does not allow this.")))
                .authorizeHttpRequests(auth -> auth
                        // the request was authorised when it came in; streaming answers and error pages continue it
                        .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers("/api/auth/login", "/api/auth/delegate")
                        .permitAll()
                        .requestMatchers("/api/auth/**")
                        .authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/motions/*/votes", "/api/rounds/*/ballots")
                        .hasRole(DELEGATE)
                        .requestMatchers(HttpMethod.GET, "/api/delegate/**")
                        .hasRole(DELEGATE)
                        // ứng cử / đề cử from the delegate's phone: the nominator is the session's delegate
                        .requestMatchers(HttpMethod.POST, "/api/delegate/elections/*/nominations")
                        .hasRole(DELEGATE)
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/congresses/*/delegates/*/credentials",
                                "/api/congresses/*/credentials/**",
                                "/api/congresses/*/alternates",
                                "/api/congresses/*/delegates/*/absence")
                        .hasAnyRole(CREDENTIALS, SECRETARIAT)
                        .requestMatchers(
                                HttpMethod.POST,
                                "/api/congresses/*/delegates/*/check-in",
                                "/api/congresses/*/delegates/*/check-out",
                                "/api/congresses/*/delegates/*/card")
                        .hasAnyRole(CREDENTIALS, SECRETARIAT)
                        .requestMatchers(HttpMethod.POST, "/api/elections/*/key", "/api/elections/*/shares")
                        .hasRole(COUNTING)
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasAnyRole(SECRETARIAT, COUNTING, CREDENTIALS)
                        // a head typed from paper: the same read as GET /api/audit/consistency, sent as a body
                        .requestMatchers(HttpMethod.POST, "/api/audit/consistency")
                        .hasAnyRole(SECRETARIAT, COUNTING, CREDENTIALS)
                        .requestMatchers("/api/**")
                        .hasRole(SECRETARIAT)
                        .anyRequest()
                        .permitAll());
        return http.build();
    }

    /**
     * Our own scripts, styles and fonts only; reads from this service and the query-service (the configured address,
     * else any host on port 8082, as the pages find it); no framing. QR codes are SVG drawn by our script.
     */
    static String contentSecurityPolicy(String queryBase) {
        String query = queryBase == null || queryBase.isBlank()
                ? "http://*:8082 https://*:8082"
                : queryBase.replaceAll("/+$", "");
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
                + "connect-src 'self' " + query + "; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }
}
