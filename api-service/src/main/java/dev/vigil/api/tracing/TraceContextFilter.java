package dev.vigil.api.tracing;

import dev.vigil.common.tracing.TraceContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each request runs in a trace: the caller's (a W3C {@code traceparent} header, as OpenTelemetry-instrumented
 * clients and proxies send) continued in a new span, or a new one. The trace id is in the MDC, so every log line of
 * the request carries it.
 */
class TraceContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        TraceContext trace = TraceContext.parse(request.getHeader(TraceContext.TRACEPARENT))
                .map(TraceContext::child).orElseGet(TraceContext::newRoot);
        try (TraceContext.Scope scope = trace.open()) {
            chain.doFilter(request, response);
        }
    }
}
