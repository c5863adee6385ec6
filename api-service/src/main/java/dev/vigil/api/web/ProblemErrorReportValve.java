package dev.vigil.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Tomcat's own error answer, for requests refused before any filter sees them (an encoded slash or dot segment in the
 * path, a malformed request line): a problem document like every other error instead of Tomcat's HTML page. It
 * replaces the error report valve Spring Boot installs, and like it never shows a stack trace or server version.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        String title = status == null ? "Error" : status.getReasonPhrase();
        String detail = code >= 500 ? "Something went wrong on our side; it has been logged."
                : "The request could not be handled: " + title + ".";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + code
                        + ",\"detail\":\"" + detail + "\",\"instance\":\"" + instance(request) + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response was already committed: nothing more to tell it.
        }
    }

    /** The path as received, JSON-safe and short: it may be exactly the malformed input that was refused. */
    private static String instance(Request request) {
        String uri = request.getRequestURI();
        if (uri == null) {
            return "/";
        }
        StringBuilder safe = new StringBuilder();
        for (int i = 0; i < uri.length() && i < 200; i++) {
            char c = uri.charAt(i);
            safe.append(c < 0x20 || c > 0x7e || c == '"' || c == '\\' ? String.format("%%%02X", (int) c & 0xff)
                    : String.valueOf(c));
        }
        return safe.toString();
    }

    /** Puts the valve in place of the host's default one. */
    @Component
    static class Installer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    // Else the host adds Tomcat's own HTML valve next to this one when it starts.
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                }
                var pipeline = context.getParent().getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve());
            });
        }

        /** After Spring Boot's customizer, which adds the valve this one replaces. */
        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
