// Firefox cannot map host names to a port the way Chromium's --host-resolver-rules does, so it
// reaches the demo server through this proxy: every HTTPS CONNECT, whatever the host, is tunnelled
// to the demo server's port (which answers for all the demo host names over TLS).
import { createServer } from 'node:http';
import { connect } from 'node:net';

export async function startConnectProxy(targetPort) {
  const server = createServer((req, res) => { res.writeHead(405); res.end(); });
  // A tunnel leaves the server's connection tracking once CONNECT is answered: closing the server
  // would wait for every tunnel a browser keeps alive, so close() ends them itself.
  const tunnels = new Set();
  server.on('connect', (req, client, head) => {
    tunnels.add(client);
    client.on('close', () => tunnels.delete(client));
    const upstream = connect(targetPort, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    const drop = () => { client.destroy(); upstream.destroy(); };
    upstream.on('error', drop);
    client.on('error', drop);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => new Promise((resolve) => {
    server.closeAllConnections();
    for (const tunnel of tunnels) tunnel.destroy();
    server.close(resolve);
  });
  return { port: server.address().port, close };
}
