package dev.chat.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/**
 * A real Redis server from the binary codemonstur's embedded-redis ships on Maven Central. With a data
 * directory it keeps an append-only file there (the local run); without one it keeps nothing (tests).
 */
public final class RedisServerProcess implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private RedisServerProcess(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static RedisServerProcess start(int port, Path dataDir) {
        try {
            var builder = RedisServer.newRedisServer().port(port).bind("127.0.0.1");
            if (dataDir != null) {
                Files.createDirectories(dataDir);
                builder.setting("dir " + dataDir.toAbsolutePath())
                        .setting("appendonly yes")
                        .setting("appendfsync everysec");
            } else {
                builder.setting("save \"\"").setting("appendonly no");
            }
            RedisServer server = builder.build();
            server.start();
            return new RedisServerProcess(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Redis did not start on port " + port, e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
