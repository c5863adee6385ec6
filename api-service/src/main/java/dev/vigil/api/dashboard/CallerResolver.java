package dev.vigil.api.dashboard;

import dev.vigil.api.identity.Role;
import dev.vigil.api.web.ForbiddenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Turns the session into a {@link Caller}: the workspace chosen in the switcher (kept in the session) if the person
 * is still a member of it, else their oldest membership. Roles are read on every request, so a role change or a
 * removal takes effect on the next page, as it does for API keys. Resolved once per request.
 */
@Component
class CallerResolver implements HandlerMethodArgumentResolver {

    static final String WORKSPACE_ATTRIBUTE = "vigil.dashboard.workspace";
    private static final String REQUEST_ATTRIBUTE = CallerResolver.class.getName();

    private final JdbcClient jdbc;
    private final ProfileTimeZones timeZones;

    CallerResolver(JdbcClient jdbc, ProfileTimeZones timeZones) {
        this.jdbc = jdbc;
        this.timeZones = timeZones;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Caller.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest webRequest, WebDataBinderFactory binders) {
        return current(webRequest.getNativeRequest(HttpServletRequest.class))
                .orElseThrow(() -> new ForbiddenException("You are not a member of any workspace."));
    }

    /** The caller of this request, or empty when nobody is signed in (or they belong to no workspace). */
    Optional<Caller> current(HttpServletRequest request) {
        Object cached = request.getAttribute(REQUEST_ATTRIBUTE);
        if (cached instanceof Caller caller) {
            return Optional.of(caller);
        }
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof SignedInUser user)) {
            return Optional.empty();
        }
        List<Caller.WorkspaceChoice> workspaces = jdbc.sql("""
                        SELECT w.id, w.name, m.role FROM workspace_members m JOIN workspaces w ON w.id = m.workspace_id
                        WHERE m.user_id = ? ORDER BY m.created_at, w.id""")
                .param(user.userId())
                .query((rs, row) -> new Caller.WorkspaceChoice(rs.getObject("id", UUID.class), rs.getString("name"),
                        Role.valueOf(rs.getString("role"))))
                .list();
        if (workspaces.isEmpty()) {
            return Optional.empty();
        }
        HttpSession session = request.getSession(false);
        Object chosen = session == null ? null : session.getAttribute(WORKSPACE_ATTRIBUTE);
        Caller.WorkspaceChoice current = workspaces.stream().filter(w -> w.id().equals(chosen)).findFirst()
                .orElse(workspaces.getFirst());
        Caller caller = new Caller(user.userId(), user.email(), current.id(), current.name(), current.role(),
                workspaces, timeZones.of(user.userId()).orElse(null));
        request.setAttribute(REQUEST_ATTRIBUTE, caller);
        return Optional.of(caller);
    }
}
