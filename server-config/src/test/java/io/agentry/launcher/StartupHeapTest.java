package io.agentry.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** On the test's own JVM, whose heap free ratios start with the JVM's defaults. */
class StartupHeapTest {

    private final HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);

    @Test
    void releaseLowersTheDefaultFreeRatiosAndKeepsRatiosSetByTheUser() {
        assumeTrue(origin(StartupHeap.MIN_RATIO) == VMOption.Origin.DEFAULT
                && origin(StartupHeap.MAX_RATIO) == VMOption.Origin.DEFAULT, "the JVM runs with its default ratios");
        String defaultMin = value(StartupHeap.MIN_RATIO);
        String defaultMax = value(StartupHeap.MAX_RATIO);
        try {
            StartupHeap.release();

            assertThat(value(StartupHeap.MIN_RATIO)).isEqualTo(Integer.toString(StartupHeap.MIN_FREE));
            assertThat(value(StartupHeap.MAX_RATIO)).isEqualTo(Integer.toString(StartupHeap.MAX_FREE));

            // As an operator would with jcmd <pid> VM.set_flag MaxHeapFreeRatio 50:
            vm.setVMOption(StartupHeap.MAX_RATIO, "50");
            StartupHeap.release();

            assertThat(value(StartupHeap.MAX_RATIO)).isEqualTo("50");
            assertThat(value(StartupHeap.MIN_RATIO)).isEqualTo(Integer.toString(StartupHeap.MIN_FREE));
        } finally {
            // Maximum first: the JVM refuses a maximum below the minimum.
            vm.setVMOption(StartupHeap.MAX_RATIO, defaultMax);
            vm.setVMOption(StartupHeap.MIN_RATIO, defaultMin);
        }
    }

    private VMOption.Origin origin(String option) {
        return vm.getVMOption(option).getOrigin();
    }

    private String value(String option) {
        return vm.getVMOption(option).getValue();
    }
}
