package io.agentry.agents.spi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an agent: the registry writes it to the {@code agents} table at start-up. The name must
 * match the {@code agent = '…'} message selector of the bean's activation config.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface AgentDefinition {

    String name();

    String description();

    String[] capabilities() default {};
}
