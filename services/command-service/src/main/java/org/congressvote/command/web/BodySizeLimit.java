package org.congressvote.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.congressvote.api.error.ErrorCode;
import org.congressvote.command.CommandServiceProperties;
import org.congressvote.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses oversized request bodies before anything parses them: 64 KiB for a command, 16 MiB for a roster file. A
 * command sent without a length (chunked) is refused; a roster sent so is read here, counting bytes as they come,
 * and refused as soon as it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class BodySizeLimit extends OncePerRequestFilter {

    private final long commandLimit;
    private final long rosterLimit;

    BodySizeLimit(CommandServiceProperties properties) {
        this.commandLimit = properties.web().maxCommand().toBytes();
        this.rosterLimit = properties.web().maxRoster().toBytes();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean roster = request.getRequestURI().endsWith("/roster");
        long limit = roster ? rosterLimit : commandLimit;
        long length = request.getContentLengthLong();
        if (length > limit) {
            tooLarge(response, limit);
            return;
        }
        if (length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"))) {
            if (!roster) {
                tooLarge(response, limit);
                return;
            }
            byte[] body = readAtMost(request.getInputStream(), limit);
            if (body == null) {
                tooLarge(response, limit);
                return;
            }
            request = new ReadBody(request, body);
        }
        chain.doFilter(request, response);
    }

    /** The whole body, or null as soon as it is longer than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) != -1; ) {
            if (body.size() + (long) n > limit) {
                return null;
            }
            body.write(buffer, 0, n);
        }
        return body.toByteArray();
    }

    private static void tooLarge(HttpServletResponse response, long limit) throws IOException {
        Problems.write(
                response,
                ErrorCode.BODY_TOO_LARGE,
                "The request body is larger than the " + limit + " bytes this request may have.");
    }

    /** A request whose body was already read (within the limit): served again from memory, with its length. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(
                    new InputStreamReader(getInputStream(), StandardCharsets.UTF_8)); // rosters are UTF-8
        }
    }
}
