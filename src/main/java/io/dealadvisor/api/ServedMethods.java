package io.dealadvisor.api;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Singleton;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The methods each path of the API serves, read from the resource classes once: the {@code Allow} header of an
 * {@code OPTIONS} answer and of a {@code 405}. RESTEasy Reactive sends none with a {@code 405}, and answers
 * {@code OPTIONS} with every method of the resource class, whatever its path ({@code POST} for
 * {@code /v1/truths}, as the class also serves {@code POST /v1/ruleset/reload}).
 */
@Singleton
public class ServedMethods {

    /** Path templates, split into segments ({@code {name}} for any one segment), and the methods each serves. */
    private final Map<List<String>, Set<String>> templates = new HashMap<>();

    public ServedMethods(BeanManager beans) {
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Path root = bean.getBeanClass().getAnnotation(Path.class);
            if (root == null) {
                continue;
            }
            for (Method method : bean.getBeanClass().getMethods()) {
                Path sub = method.getAnnotation(Path.class);
                for (Annotation annotation : method.getAnnotations()) {
                    HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
                    if (http != null) {
                        String template = root.value() + "/" + (sub == null ? "" : sub.value());
                        templates.computeIfAbsent(segments(template.replaceAll("/+", "/")), path -> new TreeSet<>())
                                .add(http.value());
                    }
                }
            }
        }
    }

    /**
     * The {@code Allow} header's value for {@code path} (decoded): the methods served there, with
     * {@code HEAD} where {@code GET} is, and {@code OPTIONS}; null for a path the API does not have.
     */
    String allow(String path) {
        List<String> segments = segments(path);
        Set<String> methods = new TreeSet<>();
        templates.forEach((template, served) -> {
            if (matches(template, segments)) {
                methods.addAll(served);
            }
        });
        if (methods.isEmpty()) {
            return null;
        }
        if (methods.contains(HttpMethod.GET)) {
            methods.add(HttpMethod.HEAD);
        }
        methods.add(HttpMethod.OPTIONS);
        return String.join(", ", methods);
    }

    /**
     * Answers {@code OPTIONS} before the resource class would (with all its methods, whatever the path); a path the
     * API does not have is a {@code 404}, as for any other method.
     */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> options(ContainerRequestContext request) {
        if (!HttpMethod.OPTIONS.equals(request.getMethod())) {
            return Optional.empty();
        }
        String allow = allow(request.getUriInfo().getPath());
        if (allow == null) {
            throw new NotFoundException();
        }
        return Optional.of(Response.ok().header(HttpHeaders.ALLOW, allow).build());
    }

    private static boolean matches(List<String> template, List<String> segments) {
        if (template.size() != segments.size()) {
            return false;
        }
        for (int i = 0; i < template.size(); i++) {
            String part = template.get(i);
            boolean any = part.startsWith("{") && !segments.get(i).isEmpty();
            if (!any && !part.equals(segments.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The segments of a path; its first slash and a last one add none, as the framework matches it. */
    private static List<String> segments(String path) {
        String inner = path.startsWith("/") ? path.substring(1) : path;
        return List.of((inner.endsWith("/") ? inner.substring(0, inner.length() - 1) : inner).split("/", -1));
    }
}
