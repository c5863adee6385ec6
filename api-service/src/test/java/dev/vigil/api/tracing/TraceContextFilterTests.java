package dev.vigil.api.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.common.tracing.TraceContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class TraceContextFilterTests {

    private final TraceContextFilter filter = new TraceContextFilter();

    @Test
    void aCallersTraceIsContinuedInANewSpanAndTheMdcIsClearedAfterwards() throws Exception {
        TraceContext caller = TraceContext.newRoot();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/monitors");
        request.addHeader("traceparent", caller.traceparent());
        List<String> seen = new ArrayList<>();

        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {
            seen.add(MDC.get("traceId"));
            seen.add(MDC.get("spanId"));
        });

        assertThat(seen.get(0)).isEqualTo(caller.traceId());
        assertThat(seen.get(1)).hasSize(16).isNotEqualTo(caller.spanId());
        assertThat(MDC.get("traceId")).isNull();
    }

    @Test
    void withoutOrWithAMalformedHeaderEachRequestStartsATrace() throws Exception {
        List<String> traces = new ArrayList<>();
        for (String header : new String[] {null, "00-nonsense"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/monitors");
            if (header != null) {
                request.addHeader("traceparent", header);
            }
            filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> traces.add(MDC.get("traceId")));
        }
        assertThat(traces).hasSize(2).allSatisfy(id -> assertThat(id).hasSize(32)).doesNotHaveDuplicates();
    }
}
