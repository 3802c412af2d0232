package org.congressvote.command.apidoc;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.api.error.InputLimits;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Lists in the API description the problem responses (RFC 9457, {@code application/problem+json}) of each endpoint
 * under /api, one per status, with the error codes it can carry: those every endpoint can answer (a bad request, no
 * or the wrong session, a busy or unreachable store; 404 where an id is in the path; 413 where there is a body) and
 * the endpoint's own ({@link ProblemCodes}). Ids in the path carry their format.
 */
@Component
class ProblemResponses implements OperationCustomizer {

    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(), RequestMapping.class);
        boolean api = type != null && type.path().length > 0 && type.path()[0].startsWith("/api");
        if (!api) {
            return operation;
        }
        ProblemCodes own = handler.getMethodAnnotation(ProblemCodes.class);
        Set<ErrorCode> codes = new LinkedHashSet<>();
        codes.add(ErrorCode.INVALID_REQUEST);
        if (own == null || own.signedIn()) {
            codes.add(ErrorCode.UNAUTHENTICATED);
            codes.add(ErrorCode.FORBIDDEN);
        }
        for (MethodParameter parameter : handler.getMethodParameters()) {
            if (parameter.hasParameterAnnotation(PathVariable.class)) {
                codes.add(ErrorCode.NOT_FOUND);
            }
            if (parameter.hasParameterAnnotation(RequestBody.class)) {
                codes.add(ErrorCode.BODY_TOO_LARGE);
            }
        }
        if (own != null) {
            codes.addAll(List.of(own.value()));
        }
        codes.add(ErrorCode.BUSY);
        codes.add(ErrorCode.STORE_UNAVAILABLE);
        codes.add(ErrorCode.COMMAND_FAILED);

        Map<Integer, List<ErrorCode>> byStatus = new TreeMap<>();
        for (ErrorCode code : codes) {
            byStatus.computeIfAbsent(code.status(), s -> new ArrayList<>()).add(code);
        }
        if (operation.getParameters() != null) {
            for (Parameter parameter : operation.getParameters()) {
                describeId(parameter);
            }
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, list) -> responses.addApiResponse(Integer.toString(status), problem(list)));
        return operation.responses(responses);
    }

    /** An id in the path: the format {@link InputLimits#id} checks (a round's id is six characters longer). */
    private static void describeId(Parameter parameter) {
        if (!"path".equals(parameter.getIn()) || !parameter.getName().endsWith("Id")) {
            return;
        }
        int max = parameter.getName().equals("roundId") ? InputLimits.ID_MAX + 6 : InputLimits.ID_MAX;
        parameter
                .description("1 to " + max + " letters, digits or . _ ~ - characters")
                .schema(new StringSchema()
                        .pattern("^[A-Za-z0-9._~-]{1," + max + "}$")
                        .minLength(1)
                        .maxLength(max));
    }

    private static ApiResponse problem(List<ErrorCode> codes) {
        StringSchema code = new StringSchema();
        codes.forEach(c -> code.addEnumItemObject(c.name()));
        code.description("what was refused; the pages translate it (i18n key error.CODE)");
        ObjectSchema body = new ObjectSchema();
        body.addProperty(
                "type",
                new StringSchema().format("uri").example(codes.get(0).type().toString()));
        body.addProperty("title", new StringSchema());
        body.addProperty("status", new IntegerSchema().example(codes.get(0).status()));
        body.addProperty("detail", new StringSchema().description("a sentence a secretary can act on"));
        body.addProperty("instance", new StringSchema().format("uri"));
        body.addProperty("code", code);
        return new ApiResponse()
                .description("Problem (RFC 9457): "
                        + String.join(", ", codes.stream().map(Enum::name).toList()))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(body)));
    }
}
