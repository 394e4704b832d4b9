package io.agentry.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerResourcesTest {

    private static Settings settings(Map<String, String> env) {
        return Settings.from(new Properties(), env);
    }

    @Test
    void embeddedDefaultsUseH2InTheDataDirAndTheLocalBroker() {
        Settings defaults = settings(Map.of("AGENTRY_DATA_DIR", "/srv/agentry"));
        List<String> commands = ServerResources.commands(defaults, Path.of("/opt/artemis-ra.rar"));

        assertThat(defaults.httpPort()).isEqualTo(8080);
        assertThat(defaults.embeddedBroker()).isTrue();
        assertThat(commands).noneMatch(c -> c.contains("${"));
        assertThat(commands.get(0)).startsWith("create-resource-adapter-config")
                .contains("InVMConnectorFactory:ConnectionParameters=serverId\\=0").endsWith(" artemis-ra");
        assertThat(commands.get(1)).isEqualTo("deploy --type rar --name artemis-ra /opt/artemis-ra.rar");
        assertThat(commands).anyMatch(c -> c.contains("org.h2.jdbcx.JdbcDataSource")
                && c.contains("URL=jdbc\\:h2\\:file\\:/srv/agentry/db/agentry;DB_CLOSE_ON_EXIT\\=FALSE;QUERY_CACHE_SIZE\\=128"));
        assertThat(commands).anyMatch(c -> c.contains("--property InJtaTransaction=false"));
        assertThat(commands).contains("create-jdbc-resource --connectionpoolid agentry-db-pool jdbc/agentry",
                "set-openapi-configuration --enabled=false");
    }

    @Test
    void theEnvironmentSwitchesToPostgresAndAStandaloneBroker() {
        Settings real = settings(Map.of(
                "AGENTRY_DB_URL", "jdbc:postgresql://db.internal:5432/agentry",
                "AGENTRY_DB_USER", "agentry",
                "AGENTRY_DB_PASSWORD", "s3:cr=t",
                "AGENTRY_BROKER_URL", "tcp://mq.internal:61617",
                "AGENTRY_BROKER_USER", "app"));
        List<String> commands = ServerResources.commands(real, Path.of("/r.rar"));

        assertThat(real.embeddedBroker()).isFalse();
        assertThat(commands.get(0)).contains("host\\=mq.internal;port\\=61617").contains(":UserName=app");
        assertThat(commands).anyMatch(c -> c.contains("org.postgresql.ds.PGSimpleDataSource")
                && c.contains("URL=jdbc\\:postgresql\\://db.internal\\:5432/agentry:user=agentry:password=s3\\:cr\\=t"));
    }

    @Test
    void aPasswordlessLoginNamesTheUserInTheUrl() {
        List<String> commands = ServerResources.commands(settings(Map.of(
                "AGENTRY_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "AGENTRY_DB_USER", "postgres")), Path.of("/r.rar"));

        assertThat(commands).anyMatch(c -> c.contains("URL=jdbc\\:postgresql\\://127.0.0.1\\:5432/test?user\\=postgres ")
                && !c.contains(":user="));
    }

    @Test
    void systemPropertiesWinOverTheEnvironment() {
        Properties system = new Properties();
        system.setProperty("agentry.http.port", "9090");
        assertThat(Settings.from(system, Map.of("AGENTRY_HTTP_PORT", "7070")).httpPort()).isEqualTo(9090);
    }

    @Test
    void nonsenseIsRefusedWithTheVariableNamed() {
        assertThatThrownBy(() -> settings(Map.of("AGENTRY_HTTP_PORT", "eighty")))
                .hasMessage("AGENTRY_HTTP_PORT must be a number, not 'eighty'");
        assertThatThrownBy(() -> settings(Map.of("AGENTRY_BROKER_URL", "61616")))
                .hasMessageContaining("tcp://host:port");
    }
}
