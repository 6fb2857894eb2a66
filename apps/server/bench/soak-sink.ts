import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The soak's webhook receiver, in a process of its own so that the load
 * generator's backlog never delays its answers (a late answer makes the sender
 * time out and deliver again). Each arrival is timed here and sent to the
 * parent over IPC; the first message is the port it listens on (loopback only).
 */
const KEY_RE = /soak-\d+/;

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const at = Date.now();
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    process.send?.({
      at,
      path: request.url ?? '/',
      outboundKey: String(request.headers['idempotency-key'] ?? ''),
      requestKey: KEY_RE.exec(Buffer.concat(chunks).toString('utf8'))?.[0],
    });
  });
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as AddressInfo).port });
});
process.on('disconnect', () => server.close(() => process.exit(0)));
