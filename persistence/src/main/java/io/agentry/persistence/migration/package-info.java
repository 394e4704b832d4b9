/**
 * Schema migrations that plain SQL cannot say for every database; Flyway runs them in version order
 * with the SQL ones in {@code db/migration}.
 */
package io.agentry.persistence.migration;
