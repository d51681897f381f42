// The baseline of the fan-out benchmark: a plain WebSocket broadcast server on the `ws` package.
// POST /broadcast sends the request body to every connected socket.
const http = require('http');
const { WebSocketServer } = require('ws');

const server = http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/broadcast') {
    res.writeHead(404).end();
    return;
  }
  let body = '';
  req.on('data', (chunk) => { body += chunk; });
  req.on('end', () => {
    for (const client of wss.clients) {
      client.send(body);
    }
    res.writeHead(200).end('ok');
  });
});
const wss = new WebSocketServer({ server, perMessageDeflate: false });
server.listen(Number(process.argv[2] || 0), '127.0.0.1', () => {
  console.log(`baseline listening on http://127.0.0.1:${server.address().port}`);
});
