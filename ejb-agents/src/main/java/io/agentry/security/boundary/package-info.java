/** Start-up of the security component: the first admin when there are no users. */
package io.agentry.security.boundary;
