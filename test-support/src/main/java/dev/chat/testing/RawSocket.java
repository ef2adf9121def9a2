package dev.chat.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client that sends exactly the frames a test means, down to the bytes (RFC 6455): invalid UTF-8, binary
 * frames, frames over any limit. What a well-behaved client library would refuse to send.
 */
public final class RawSocket implements AutoCloseable {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    /** A received frame: its opcode and payload; a close frame's payload starts with its status code. */
    public record Frame(int opcode, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        public int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }

        public String closeReason() {
            return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
        }
    }

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and upgrades with the token in the Authorization header. */
    public static RawSocket connect(URI ws, String token) {
        try {
            Socket socket = new Socket(ws.getHost(), ws.getPort());
            socket.setSoTimeout(10_000);
            String key = Base64.getEncoder().encodeToString(RANDOM.generateSeed(16));
            String upgrade = "GET " + ws.getRawPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                    + "\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer " + token + "\r\n\r\n";
            socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
            String status = readHead(socket.getInputStream());
            if (!status.startsWith("HTTP/1.1 101")) {
                socket.close();
                throw new IllegalStateException("upgrade refused: " + status.lines().findFirst().orElse(""));
            }
            return new RawSocket(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void sendText(String text) {
        send(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** One final frame with this opcode and payload, masked as a client must. */
    public void send(int opcode, byte[] payload) {
        send(opcode, payload, true);
    }

    /** One frame; a message in several is its first frame's opcode, then continuation frames (opcode 0). */
    public void send(int opcode, byte[] payload, boolean fin) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65_536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift));
                }
            }
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next frame from the server; null when the connection ended without one (or nothing came in 10 s). */
    public Frame next() {
        try {
            int first = in.read();
            if (first < 0) {
                return null;
            }
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            return new Frame(first & 0x0f, payload);
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null; // reset by the peer: no frame
        }
    }

    /** The next frame that is not a ping or pong; pings are answered with a pong, as every client must. */
    public Frame nextData() {
        Frame frame = next();
        while (frame != null && (frame.opcode() == PING || frame.opcode() == PONG)) {
            if (frame.opcode() == PING) {
                send(PONG, frame.payload());
            }
            frame = next();
        }
        return frame;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
