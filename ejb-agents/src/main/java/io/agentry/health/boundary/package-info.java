/**
 * MicroProfile Health checks: the server is ready when its database and its broker answer.
 */
package io.agentry.health.boundary;
