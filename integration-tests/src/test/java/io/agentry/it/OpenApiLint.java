package io.agentry.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Redocly CLI, the OpenAPI linter: installed with npm (version pinned in the parent POM,
 * {@code redocly-cli.version}) into the build directory on first use, then run on documents.
 * Needs Node.js and npm on the PATH.
 */
final class OpenApiLint {

    private static final long INSTALL_MINUTES = 5;
    private static final long LINT_MINUTES = 2;

    private final Path home;

    private OpenApiLint(Path home) {
        this.home = home;
    }

    /** Redocly CLI in {@code dir}, installed there unless the pinned version already is. */
    static OpenApiLint installedIn(Path dir) {
        String version = System.getProperty("agentry.it.redocly.version");
        if (version == null) {
            throw new IllegalStateException("agentry.it.redocly.version is not set (the POM passes redocly-cli.version)");
        }
        OpenApiLint lint = new OpenApiLint(dir);
        Path installed = dir.resolve("node_modules/@redocly/cli/package.json");
        try {
            if (!Files.isRegularFile(installed) || !version.equals(Api.JSON.readTree(installed.toFile()).path("version").asText())) {
                Files.createDirectories(dir);
                lint.run(INSTALL_MINUTES, List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
                        "--no-save", "@redocly/cli@" + version));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lint;
    }

    /** Lints the documents with the rules in {@code config}; fails with Redocly's report when any rule says error. */
    String lint(Path config, Path... documents) {
        List<String> command = new ArrayList<>(List.of(home.resolve("node_modules/.bin/redocly").toString(), "lint",
                "--config", config.toString()));
        for (Path document : documents) {
            command.add(document.toString());
        }
        return run(LINT_MINUTES, command);
    }

    private String run(long minutes, List<String> command) {
        Path output = home.resolve("output.txt");
        try {
            Files.createDirectories(home);
            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("REDOCLY_TELEMETRY", "off");
            builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
            Process process = builder.start();
            if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " min");
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run (are Node.js and npm installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
