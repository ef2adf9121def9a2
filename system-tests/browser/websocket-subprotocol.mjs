// Opens the gateway's socket from a page in headless Chromium, as docs/protocol.md tells browsers to, and prints what
// happened as one JSON line. Usage: node websocket-subprotocol.mjs PAGE_URL OTHER_ORIGIN_PAGE_URL WS_URL TOKEN ROOM
// (the token comes as an argument from the test on loopback, never from a URL the browser loads).
import { chromium } from 'playwright-core';

const [pageUrl, otherOriginUrl, wsUrl, token, room] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

/** Runs in the page: tries the unencoded subprotocol, then the encoded one, and subscribes over it. */
async function connect({ wsUrl, token, room }) {
  const result = {};
  try {
    new WebSocket(wsUrl, ['bearer-token-carrier', 'quarkus-http-upgrade#Authorization#Bearer ' + token]).close();
    result.unencoded = 'accepted';
  } catch (e) {
    result.unencoded = e.name;
  }
  result.frames = await new Promise((resolve) => {
    const frames = [];
    const socket = new WebSocket(wsUrl,
      ['bearer-token-carrier', encodeURIComponent('quarkus-http-upgrade#Authorization#Bearer ' + token)]);
    const timer = setTimeout(() => resolve(frames.concat([{ timeout: true }])), 10000);
    const done = (last) => { clearTimeout(timer); resolve(frames.concat(last ? [last] : [])); };
    socket.onopen = () => {
      result.protocol = socket.protocol;
      socket.send(JSON.stringify({ op: 'subscribe', room }));
    };
    socket.onmessage = (message) => {
      frames.push(JSON.parse(message.data));
      socket.close(1000, 'done');
      done();
    };
    socket.onclose = (event) => done({ closed: event.code });
  });
  return result;
}

try {
  const page = await browser.newPage();
  await page.goto(pageUrl);
  const allowed = await page.evaluate(connect, { wsUrl, token, room });
  await page.goto(otherOriginUrl);
  const otherOrigin = await page.evaluate(connect, { wsUrl, token, room });
  console.log(JSON.stringify({ allowed, otherOrigin }));
} finally {
  await browser.close();
}
