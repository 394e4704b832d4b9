package io.agentry.platform.boundary;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * {@code /openapi}: the API's OpenAPI document, generated from the code at build time (SmallRye
 * OpenAPI; see {@link OpenApiConventions}). As MicroProfile OpenAPI has it: YAML, or JSON for
 * {@code Accept: application/json} or {@code ?format=JSON}. Payara's own MicroProfile OpenAPI
 * service is switched off (agentry-resources.asadmin): the document it builds for this application
 * is incomplete and not valid OpenAPI.
 */
@WebServlet(urlPatterns = "/openapi")
public class OpenApiDocument extends HttpServlet {

    static final String YAML = "application/yaml";
    static final String JSON = "application/json";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean json = wantsJson(request.getParameter("format"), request.getHeader("Accept"));
        try (InputStream document = OpenApiDocument.class.getResourceAsStream(
                json ? "/openapi/openapi.json" : "/openapi/openapi.yaml")) {
            if (document == null) {
                response.sendError(HttpServletResponse.SC_NOT_FOUND, "This build has no OpenAPI document");
                return;
            }
            response.setContentType(json ? JSON : YAML);
            response.setCharacterEncoding("UTF-8");
            document.transferTo(response.getOutputStream());
        }
    }

    /** {@code format} (JSON or YAML) wins; otherwise JSON only when the client asks for it and not for YAML. */
    static boolean wantsJson(String format, String accept) {
        if (format != null) {
            return "json".equals(format.toLowerCase(Locale.ROOT));
        }
        return accept != null && accept.contains(JSON) && !accept.contains(YAML);
    }
}
