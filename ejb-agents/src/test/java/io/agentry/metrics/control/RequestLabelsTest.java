package io.agentry.metrics.control;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** Request labels stay few whatever a client sends. */
class RequestLabelsTest {

    @Test
    void theRouteIsTheTemplateOfClassAndMethod() {
        assertThat(RequestLabels.route("tasks", "{id}/cancel")).isEqualTo("/tasks/{id}/cancel");
        assertThat(RequestLabels.route("tasks", null)).isEqualTo("/tasks");
        assertThat(RequestLabels.route("/agents/", "/{name}/")).isEqualTo("/agents/{name}");
        assertThat(RequestLabels.route("routes", "{pattern: .+}")).isEqualTo("/routes/{pattern}");
        assertThat(RequestLabels.route(null, null)).isEqualTo("/");
    }

    @Test
    void statusesFallIntoTheirClass() {
        assertThat(RequestLabels.statusClass(200)).isEqualTo("2xx");
        assertThat(RequestLabels.statusClass(202)).isEqualTo("2xx");
        assertThat(RequestLabels.statusClass(404)).isEqualTo("4xx");
        assertThat(RequestLabels.statusClass(503)).isEqualTo("5xx");
        assertThat(RequestLabels.statusClass(99)).isEqualTo("other");
        assertThat(RequestLabels.statusClass(600)).isEqualTo("other");
    }

    @Test
    void knownMethodsKeepTheirNameInUpperCase() {
        assertThat(RequestLabels.method("get")).isEqualTo("GET");
        assertThat(RequestLabels.method("DELETE")).isEqualTo("DELETE");
        assertThat(RequestLabels.method(null)).isEqualTo("OTHER");
    }

    @Property
    void anyMethodBecomesOneOfEightLabels(@ForAll String method) {
        assertThat(RequestLabels.method(method))
                .isIn("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER");
    }

    @Property
    void anyStatusBecomesOneOfSixLabels(@ForAll int status) {
        assertThat(RequestLabels.statusClass(status)).isIn("1xx", "2xx", "3xx", "4xx", "5xx", "other");
    }
}
