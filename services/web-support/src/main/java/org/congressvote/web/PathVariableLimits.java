package org.congressvote.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.congressvote.api.error.InputLimits;
import org.congressvote.api.error.InvalidInput;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks every id in a request's path against {@link InputLimits} before the controller runs: one place for all
 * endpoints, so that a new endpoint cannot forget it. A refusal is a 400 problem naming the path variable.
 */
public class PathVariableLimits implements WebMvcConfigurer, HandlerInterceptor {

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            variables.forEach((name, value) -> check(String.valueOf(name), String.valueOf(value)));
        }
        return true;
    }

    public static void check(String name, String value) {
        switch (name) {
            case "roundId" -> InputLimits.roundId(value, name);
            case "round" -> InputLimits.number(parse(value, name), name, 1, InputLimits.ROUND_MAX);
            case "code" -> InputLimits.line(value, name, InputLimits.CODE_MAX);
            default -> InputLimits.id(value, name);
        }
    }

    private static long parse(String value, String name) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidInput(name, "The field '" + name + "' must be a whole number.");
        }
    }
}
