/**
 * Tasks as stored: the {@link io.agentry.tasks.entity.Task} entity, its state machine and its
 * retry policy, and the events that trace its life.
 */
package io.agentry.tasks.entity;
