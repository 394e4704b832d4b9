package io.agentry.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The JAX-RS endpoints of the application, as {@code "GET /api/tasks/{id}"}, read from the
 * annotations of its classes in the WAR the server runs (Jandex reads class files without loading
 * them), so an endpoint added to the code is in this list without anyone writing it down.
 */
final class JaxRsEndpoints {

    private static final DotName APPLICATION_PATH = DotName.createSimple("jakarta.ws.rs.ApplicationPath");
    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final List<String> HTTP_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");
    private static final String CLASSES = "WEB-INF/classes/";

    private JaxRsEndpoints() {
    }

    static Set<String> of(Path war) {
        Index index = index(war);
        List<AnnotationInstance> applications = index.getAnnotations(APPLICATION_PATH);
        if (applications.size() != 1) {
            throw new IllegalStateException("expected one @ApplicationPath in " + war + ", found " + applications);
        }
        String root = applications.get(0).value().asString();
        Set<String> endpoints = new TreeSet<>();
        for (AnnotationInstance resourcePath : index.getAnnotations(PATH)) {
            if (resourcePath.target().kind() != AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = resourcePath.target().asClass();
            for (MethodInfo method : resource.methods()) {
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                for (String http : HTTP_METHODS) {
                    if (method.hasDeclaredAnnotation(DotName.createSimple("jakarta.ws.rs." + http))) {
                        endpoints.add(http + " " + join(root, resourcePath.value().asString(),
                                methodPath == null ? "" : methodPath.value().asString()));
                    }
                }
            }
        }
        return endpoints;
    }

    /** {@code /api/tasks/{id}}: segments joined by one slash, templates without their regular expressions. */
    static String join(String... parts) {
        StringBuilder path = new StringBuilder();
        for (String part : parts) {
            for (String segment : part.split("/")) {
                if (!segment.isBlank()) {
                    path.append('/').append(segment.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}"));
                }
            }
        }
        return path.toString();
    }

    private static Index index(Path war) {
        Indexer indexer = new Indexer();
        try (ZipFile zip = new ZipFile(war.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().startsWith(CLASSES) && entry.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        indexer.index(in);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }
}
