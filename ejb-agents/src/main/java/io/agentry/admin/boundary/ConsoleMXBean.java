package io.agentry.admin.boundary;

import io.agentry.audit.control.AuditLog;
import io.agentry.audit.entity.AuditOutcome;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.ReflectionException;
import javax.management.StandardMBean;

/**
 * An MXBean as a console calls it, on a JMX thread: with the application's class loader as the
 * thread's context class loader (for code outside the EJB calls, such as Jackson), operations'
 * parameters named as in the interface, and failures turned into plain JDK exceptions, because a
 * remote console has none of the server's classes (EJBException, ours) to read them with. Every
 * operation goes into the audit trail, with the JMX user ({@link JmxCallers}) as the actor.
 */
final class ConsoleMXBean<T> extends StandardMBean {

    private final Class<T> type;
    private final ClassLoader application;
    private final AuditLog audit;
    private final String target;

    ConsoleMXBean(T implementation, Class<T> type, AuditLog audit, String target) {
        super(implementation, type, true);
        this.type = type;
        this.application = implementation.getClass().getClassLoader();
        this.audit = audit;
        this.target = target;
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException,
            ReflectionException {
        ClassLoader caller = enter();
        try {
            return super.getAttribute(attribute);
        } catch (RuntimeException e) {
            throw plain(e);
        } finally {
            leave(caller);
        }
    }

    @Override
    public AttributeList getAttributes(String[] attributes) {
        ClassLoader caller = enter();
        try {
            return super.getAttributes(attributes);
        } finally {
            leave(caller);
        }
    }

    @Override
    public Object invoke(String operation, Object[] params, String[] signature) throws MBeanException,
            ReflectionException {
        ClassLoader caller = enter();
        String action = "jmx." + operation;
        String arguments = params == null || params.length == 0 ? null : "arguments " + Arrays.toString(params);
        try {
            Object result = super.invoke(operation, params, signature);
            audit.record(JmxCallers.current(), action, target, AuditOutcome.SUCCEEDED, null, arguments);
            return result;
        } catch (RuntimeException | MBeanException | ReflectionException e) {
            RuntimeException thrown = e instanceof RuntimeException runtime ? plain(runtime) : null;
            boolean refused = thrown instanceof IllegalArgumentException || e instanceof ReflectionException;
            audit.record(JmxCallers.current(), action, target, refused ? AuditOutcome.REFUSED : AuditOutcome.FAILED,
                    null, (arguments == null ? "" : arguments + ": ") + e.getMessage());
            if (thrown != null) {
                throw thrown;
            }
            throw e;
        } finally {
            leave(caller);
        }
    }

    @Override
    protected String getParameterName(MBeanOperationInfo operation, MBeanParameterInfo parameter, int sequence) {
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(operation.getName())
                        && m.getParameterCount() == operation.getSignature().length)
                .map(Method::getParameters)
                .map(p -> p[sequence])
                .filter(Parameter::isNamePresent)
                .map(Parameter::getName)
                .findFirst()
                .orElseGet(() -> super.getParameterName(operation, parameter, sequence));
    }

    private ClassLoader enter() {
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(application);
        return caller;
    }

    private static void leave(ClassLoader caller) {
        Thread.currentThread().setContextClassLoader(caller);
    }

    /** The exception itself when it is the JDK's and carries no cause; else its root cause's message in a JDK type. */
    private static RuntimeException plain(RuntimeException e) {
        if (e.getClass().getClassLoader() == null && e.getCause() == null) {
            return e;
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return root instanceof IllegalArgumentException ? new IllegalArgumentException(message)
                : new IllegalStateException(message);
    }
}
