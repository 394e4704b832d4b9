package io.agentry.routing.control;

import io.agentry.routing.entity.RuleDefinition;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Reads the routing rules of configuration while the application deploys: the file named by
 * {@code agentry.routing.file} ({@code AGENTRY_ROUTING_FILE}), or the bundled defaults when none is
 * named. A file that cannot be used is a deployment problem, so the server does not start with it
 * (a failure in a start-up bean would leave the server up with the application broken).
 */
public class RoutingConfiguration implements Extension {

    private volatile List<RuleDefinition> rules = List.of();
    private volatile String source = "";

    void read(@Observes AfterDeploymentValidation deployment) {
        Optional<String> file = ConfigProvider.getConfig().getOptionalValue("agentry.routing.file", String.class)
                .map(String::trim)
                .filter(name -> !name.isEmpty());
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            rules = file.map(name -> RoutingFile.read(Path.of(name), validation.getValidator()))
                    .orElseGet(() -> RoutingFile.defaults(validation.getValidator()));
            source = file.orElse("the bundled defaults");
        } catch (InvalidRoutingFileException e) {
            deployment.addDeploymentProblem(e);
        }
    }

    /** The rules read at deployment. */
    public List<RuleDefinition> rules() {
        return rules;
    }

    /** Where they came from: the file's name, or the bundled defaults. */
    public String source() {
        return source;
    }
}
