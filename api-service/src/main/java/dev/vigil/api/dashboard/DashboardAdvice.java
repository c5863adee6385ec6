package dev.vigil.api.dashboard;

import dev.vigil.api.overload.SkippedChecks;
import dev.vigil.api.web.ConflictException;
import dev.vigil.api.web.ForbiddenException;
import dev.vigil.api.web.NotFoundException;
import dev.vigil.api.verification.EmailVerifications;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What every dashboard page shares (the caller, for the header and workspace switcher) and its error pages: the
 * API's exceptions rendered as HTML instead of problem+json. Another workspace's monitor is a plain 404 page, as it
 * is a 404 in the API.
 */
@ControllerAdvice(basePackages = "dev.vigil.api.dashboard")
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    private final CallerResolver callers;
    private final EmailVerifications verifications;
    private final SkippedChecks skipped;

    DashboardAdvice(CallerResolver callers, EmailVerifications verifications, SkippedChecks skipped) {
        this.callers = callers;
        this.verifications = verifications;
        this.skipped = skipped;
    }

    /**
     * The caller, whether their address still needs confirming, and the workspace's overload banner: checks skipped
     * in the last hour are news on every page; and how the page writes times ({@link DashboardTimes}: in the person's
     * zone, UTC for someone signed out).
     */
    @ModelAttribute
    void shared(HttpServletRequest request, Model model) {
        model.addAttribute("times", DashboardTimes.utc());
        callers.current(request).ifPresent(caller -> {
            model.addAttribute("caller", caller);
            model.addAttribute("times", DashboardTimes.of(caller.timeZone()));
            model.addAttribute("unverified", !verifications.isVerified(caller.userId()));
            skipped.ofWorkspace(caller.workspaceId()).ifPresent(overload -> model.addAttribute("overload", overload));
        });
        model.addAttribute("path", request.getRequestURI());
    }

    @ExceptionHandler({NotFoundException.class, MethodArgumentTypeMismatchException.class})
    String notFound(HttpServletResponse response, Model model) {
        return error(response, model, HttpStatus.NOT_FOUND, "Not found",
                "There is nothing here, or it belongs to another workspace.");
    }

    @ExceptionHandler(ForbiddenException.class)
    String forbidden(ForbiddenException e, HttpServletResponse response, Model model) {
        return error(response, model, HttpStatus.FORBIDDEN, "Not allowed", e.getBody().getDetail());
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, HttpServletResponse response, Model model) {
        return error(response, model, HttpStatus.CONFLICT, e.getBody().getTitle(), e.getBody().getDetail());
    }

    @ExceptionHandler(ErrorResponseException.class)
    String other(ErrorResponseException e, HttpServletResponse response, Model model) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        return error(response, model, status == null ? HttpStatus.BAD_REQUEST : status, e.getBody().getTitle(),
                e.getBody().getDetail());
    }

    private static String error(HttpServletResponse response, Model model, HttpStatus status, String title,
                                String detail) {
        response.setStatus(status.value());
        model.addAttribute("status", status.value());
        model.addAttribute("title", title);
        model.addAttribute("detail", detail);
        return "dashboard/error";
    }
}
