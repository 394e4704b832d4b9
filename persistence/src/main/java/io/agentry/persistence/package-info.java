/**
 * Schema ownership: Flyway migrates the database before Hibernate validates the mapping.
 */
package io.agentry.persistence;
