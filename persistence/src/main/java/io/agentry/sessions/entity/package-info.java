/**
 * Sessions as stored: a plan's session with its status and deadline, the plan graph that orders its
 * steps, and the messages its agents exchange.
 */
package io.agentry.sessions.entity;
