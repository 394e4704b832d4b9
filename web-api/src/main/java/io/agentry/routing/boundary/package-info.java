/**
 * {@code /api/routes}: the routing rules, read and changed at run time.
 */
package io.agentry.routing.boundary;
