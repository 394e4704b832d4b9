package io.agentry.admin.boundary;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.security.AccessController;
import java.security.Principal;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;

/**
 * Who invokes a JMX operation: the user an authenticated JMX connector logged in (it runs the
 * operation as that subject), else {@code jmx@<client host>} for an unauthenticated remote console,
 * else {@code jmx} (an attached local console).
 */
final class JmxCallers {

    private JmxCallers() {
    }

    // The connector passes its subject through the access control context; Java 17 has no other way to read it.
    @SuppressWarnings({"removal", "deprecation"})
    static String current() {
        Subject subject = Subject.getSubject(AccessController.getContext());
        if (subject != null) {
            String user = subject.getPrincipals(JMXPrincipal.class).stream().map(Principal::getName).findFirst()
                    .orElse(null);
            if (user != null) {
                return user;
            }
        }
        try {
            return "jmx@" + RemoteServer.getClientHost();
        } catch (ServerNotActiveException notRemote) {
            return "jmx";
        }
    }
}
