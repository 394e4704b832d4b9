/**
 * Operators' endpoints: dead letters, queue depths, statistics and cleanup.
 */
package io.agentry.operations.boundary;
