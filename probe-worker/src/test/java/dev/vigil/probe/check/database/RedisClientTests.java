package dev.vigil.probe.check.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The RESP exchange: what is sent, and replies read within bounds. */
class RedisClientTests {

    private static InputStream reply(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commandsAreArraysOfBulkStrings() {
        assertThat(new String(RedisClient.encode(List.of("GET", "clé")), StandardCharsets.UTF_8))
                .isEqualTo("*2\r\n$3\r\nGET\r\n$4\r\nclé\r\n");
    }

    @Test
    void readsEachKindOfReply() throws IOException {
        assertThat(RedisClient.read(reply("+PONG\r\n"), 0)).isEqualTo("PONG");
        assertThat(RedisClient.read(reply(":42\r\n"), 0)).isEqualTo("42");
        assertThat(RedisClient.read(reply("$5\r\nhe\r\no\r\n"), 0)).isEqualTo("he\r\no");
        assertThat(RedisClient.read(reply("$-1\r\n"), 0)).isNull();
        assertThat(RedisClient.read(reply("*2\r\n$1\r\na\r\n:7\r\n"), 0)).isEqualTo("a\n7");
    }

    @Test
    void anErrorReplyIsARefusal() {
        assertThatThrownBy(() -> RedisClient.read(reply("-NOAUTH Authentication required.\r\n"), 0))
                .isInstanceOf(RedisClient.Refused.class).hasMessage("NOAUTH Authentication required.");
    }

    @Test
    void oversizedOrEndlessRepliesAreRefused() {
        assertThatThrownBy(() -> RedisClient.read(reply("$999999999\r\n"), 0)).hasMessageContaining("larger");
        assertThatThrownBy(() -> RedisClient.read(reply("*1\r\n*1\r\n*1\r\n*1\r\n*1\r\n:1\r\n"), 0))
                .hasMessageContaining("nested");
        assertThatThrownBy(() -> RedisClient.read(reply("HTTP/1.1 200 OK\r\n"), 0))
                .hasMessageContaining("not a Redis server");
        assertThatThrownBy(() -> RedisClient.read(new RedisClient.Limited(reply("+" + "x".repeat(100) + "\r\n"), 50),
                0)).hasMessageContaining("larger than the probe reads");
    }
}
