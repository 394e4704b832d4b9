/** The consumer of remote agents' task messages and the timer of their health checks. */
package io.agentry.remote.boundary;
