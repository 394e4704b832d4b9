/**
 * URLs in requests that the server will call later (callback_url, remote agents' endpoints), checked
 * against the outbound rule when they are given.
 */
package io.agentry.outbound.boundary;
