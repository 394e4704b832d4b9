/**
 * The events component's message consumers: this instance's subscription to lifecycle events, and
 * the sender of webhook calls.
 */
package io.agentry.events.boundary;
