/**
 * The benchmark program: starts the real server in its own process, loads it over HTTP and prints
 * its figures next to a raw Artemis baseline measured in the same run.
 */
package io.agentry.bench;
