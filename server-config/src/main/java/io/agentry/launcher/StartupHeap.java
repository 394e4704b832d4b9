package io.agentry.launcher;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Gives back the memory that start-up needed only once. Deploying the application loads some 30,000
 * classes, parses descriptors and builds the persistence unit; the garbage that leaves behind grows
 * the heap, and the collector keeps a grown heap committed: G1 and Serial shrink it only at a full
 * collection (G1 also after a marking cycle), and then only while more than {@code MaxHeapFreeRatio}
 * (70 % by default) of it is free. Measured on Agentry: about 90 MB of the heap is live after
 * start-up, yet 400-1,400 MB stay committed (depending on the maximum heap).
 *
 * <p>So, once the server is up, the heap's free ratios become {@value #MIN_FREE} %-{@value #MAX_FREE} %
 * (unless given on the command line), one full collection shrinks the heap to about what is live,
 * and glibc is asked to return the native memory it holds on to after start-up
 * ({@code System.trim_native_heap}). The ratios stay: with the defaults back, G1 grew the heap by
 * 50-90 MB again within the next ten idle seconds. They only bound what a full collection or a
 * marking cycle leaves committed; how much the heap grows under load is still the collector's
 * choice (G1's pause and GC-time goals). All of it is manageable at run time, so none of it needs a
 * JVM flag. Serial keeps at least the heap's initial size ({@code -Xms}).
 */
final class StartupHeap {

    private static final Logger LOG = Logger.getLogger(StartupHeap.class.getName());
    static final String MIN_RATIO = "MinHeapFreeRatio";
    static final String MAX_RATIO = "MaxHeapFreeRatio";
    static final int MIN_FREE = 10;
    static final int MAX_FREE = 30;
    private static final int MOST_COLLECTIONS = 4;

    private StartupHeap() {
    }

    /** Collects, shrinks the heap and trims the native heap; logs rather than fails. */
    static void release() {
        try {
            collectAndShrink();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not give back the heap start-up used", e);
        }
        trimNativeHeap();
    }

    private static void collectAndShrink() {
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
        lowerFreeRatios(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class));
        collect();
        MemoryUsage after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        LOG.info(() -> "Start-up garbage collected: heap " + (before >> 20) + " MB → " + (after.getCommitted() >> 20)
                + " MB committed, " + (after.getUsed() >> 20) + " MB in use");
    }

    /**
     * Full collections until the heap is down to what the ratios allow, at most {@value #MOST_COLLECTIONS}:
     * G1 shrinks at the first, Serial damps its shrinking over four (none at the first, then 10 %, 40 %,
     * all of the excess: {@code ShrinkHeapInSteps}).
     */
    private static void collect() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < MOST_COLLECTIONS; i++) {
            System.gc();
            MemoryUsage heap = memory.getHeapMemoryUsage();
            if (heap.getCommitted() - heap.getUsed() <= heap.getCommitted() * (MAX_FREE + 5) / 100) {
                return;
            }
        }
    }

    /**
     * Sets the free ratios to {@value #MIN_FREE} and {@value #MAX_FREE} unless either was set by the
     * user (on the command line, in a flags file or at run time); minimum first, since the JVM refuses
     * a maximum below the minimum.
     */
    private static void lowerFreeRatios(HotSpotDiagnosticMXBean vm) {
        if (setByUser(vm.getVMOption(MIN_RATIO)) || setByUser(vm.getVMOption(MAX_RATIO))) {
            return;
        }
        vm.setVMOption(MIN_RATIO, Integer.toString(MIN_FREE));
        vm.setVMOption(MAX_RATIO, Integer.toString(MAX_FREE));
    }

    private static boolean setByUser(VMOption option) {
        return option.getOrigin() != VMOption.Origin.DEFAULT && option.getOrigin() != VMOption.Origin.ERGONOMIC;
    }

    /** {@code jcmd <pid> System.trim_native_heap}, through the JVM's diagnostic command MBean. */
    private static void trimNativeHeap() {
        try {
            ObjectName commands = new ObjectName("com.sun.management:type=DiagnosticCommand");
            List<String> operations = new ArrayList<>();
            for (var operation : ManagementFactory.getPlatformMBeanServer().getMBeanInfo(commands).getOperations()) {
                operations.add(operation.getName());
            }
            if (operations.contains("systemTrimNativeHeap")) {
                Object result = ManagementFactory.getPlatformMBeanServer()
                        .invoke(commands, "systemTrimNativeHeap", null, null);
                LOG.fine(() -> String.valueOf(result).trim());
            }
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.FINE, "Could not trim the native heap", e);
        }
    }
}
