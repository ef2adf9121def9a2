// The leanest gateway a team might run instead of realtime-gateway: one Node process, ws for the sockets, ioredis
// for the rooms. It speaks just enough of the protocol for the load tool (subscribe → subscribed, then the room's
// event frames as Redis delivers them) and checks nothing: no token, no authorization, no resume, no limits. What it
// measures is the cost of fanning a room's frames out to its sockets, which is what realtime-gateway is compared on.
//   node gateway.mjs [--port 8181] [--redis redis://127.0.0.1:16379]
import { createServer } from "node:http";
import Redis from "ioredis";
import { WebSocketServer } from "ws";

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const port = Number(option("port", "8181"));
const redis = new Redis(option("redis", "redis://127.0.0.1:16379"));
const PREFIX = "chat:room:";

/** room → its sockets */
const rooms = new Map();

// Each frame is received once per room as bytes and sent as the same bytes to every socket of the room.
redis.on("messageBuffer", (channel, frame) => {
  const sockets = rooms.get(channel.toString().slice(PREFIX.length));
  if (!sockets) return;
  for (const socket of sockets) socket.send(frame, { binary: false });
});

const server = createServer((request, response) => {
  response.writeHead(request.url === "/health" ? 200 : 404).end();
});
const sockets = new WebSocketServer({ server, path: "/ws" });
sockets.on("connection", (socket) => {
  const held = new Set();
  socket.on("message", async (data) => {
    let command;
    try {
      command = JSON.parse(data.toString());
    } catch {
      return;
    }
    if (command.op !== "subscribe" || typeof command.room !== "string") return;
    let members = rooms.get(command.room);
    if (!members) {
      members = new Set();
      // Every subscriber of the room waits for the one Redis subscription.
      members.subscribed = redis.subscribe(PREFIX + command.room);
      rooms.set(command.room, members);
    }
    members.add(socket);
    held.add(command.room);
    try {
      await members.subscribed;
    } catch (failure) {
      console.error(`subscribing ${command.room} failed: ${failure.message}`);
      return;
    }
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: "subscribed", room: command.room }));
  });
  socket.on("close", () => {
    for (const room of held) {
      const members = rooms.get(room);
      members?.delete(socket);
      if (members?.size === 0) {
        rooms.delete(room);
        void redis.unsubscribe(PREFIX + room);
      }
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`node gateway on ws://127.0.0.1:${port}/ws`));
