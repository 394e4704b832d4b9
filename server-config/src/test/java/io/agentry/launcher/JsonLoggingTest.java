package io.agentry.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class JsonLoggingTest {

    @Test
    void printedTextBecomesOneRecordPerLine() {
        Logger logger = Logger.getLogger("test.stdout." + System.nanoTime());
        logger.setUseParentHandlers(false);
        List<LogRecord> records = new ArrayList<>();
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        PrintStream out = new PrintStream(new JsonLogging.Lines(logger, Level.INFO, StandardCharsets.UTF_8), true,
                StandardCharsets.UTF_8);

        out.println("FileMonitoring shutdown");
        out.print("two lines\r\nin one ");
        out.print("write, {0} and ü\n");
        out.println();
        out.print("unfinished");
        out.close();

        assertThat(records).extracting(LogRecord::getMessage)
                .containsExactly("FileMonitoring shutdown", "two lines", "in one write, {0} and ü", "unfinished");
        assertThat(records).allMatch(r -> r.getLevel() == Level.INFO);
    }
}
