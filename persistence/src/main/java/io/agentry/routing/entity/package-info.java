/**
 * Routing rules as stored in the {@code routing_rules} table, and the rule as a file or a request
 * defines it, with the limits every rule must keep.
 */
package io.agentry.routing.entity;
