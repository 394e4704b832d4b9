/**
 * The launcher behind {@code java -jar agentry.jar}: embedded broker, Payara Micro, resources and
 * application, configured from the environment.
 */
package io.agentry.launcher;
