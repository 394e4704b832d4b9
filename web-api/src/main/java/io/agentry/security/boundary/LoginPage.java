package io.agentry.security.boundary;

import io.agentry.security.entity.Role;
import jakarta.annotation.security.DeclareRoles;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * {@code GET /login}: the login form of the dashboard; its POST is taken by
 * {@link AgentryAuthentication}, which starts the session and goes on to {@code /}.
 * {@code POST /logout} ends the session. Declares the application's roles for the container.
 */
@WebServlet(urlPatterns = {AgentryAuthentication.LOGIN, AgentryAuthentication.LOGOUT})
@DeclareRoles({Role.USER_NAME, Role.OPERATOR_NAME, Role.ADMIN_NAME})
public class LoginPage extends HttpServlet {

    private static final String FORM = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Agentry: log in</title>
            <style>body{font-family:sans-serif;max-width:22em;margin:4em auto}label,input,button{display:block;\
            width:100%%;margin:.3em 0}p.error{color:#b00}</style></head>
            <body>
            <h1>Agentry</h1>
            %s
            <form method="post" action="login">
              <label for="username">Username</label>
              <input id="username" name="username" autocomplete="username" required autofocus>
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="current-password" required>
              <button type="submit">Log in</button>
            </form>
            </body>
            </html>
            """;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Frame-Options", "DENY");
        boolean failed = request.getParameter("error") != null;
        response.getWriter().write(FORM.formatted(failed ? "<p class=\"error\">Wrong username or password.</p>" : ""));
    }

    /** Logging out: the session ends, and the browser goes back to the form. */
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + AgentryAuthentication.LOGIN);
    }
}
