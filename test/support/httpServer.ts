import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Answers that several catalog-fetching tests need from a real server on 127.0.0.1. */
export function catalogRoutes(catalog: string): Record<string, Route> {
  return {
    '/slow.yaml': (_req, res) => void setTimeout(() => res.writeHead(200).end(catalog), 2000).unref(),
    '/big.yaml': (_req, res) => {
      // Chunked, no Content-Length: the cap has to hold while streaming.
      res.writeHead(200);
      let sent = 0;
      const more = (): void => {
        if (sent++ >= 50 || res.destroyed) return void res.end();
        res.write('#'.repeat(1024) + '\n', more);
      };
      more();
    },
    '/declared-big.yaml': (_req, res) => void res.writeHead(200, { 'content-length': String(1024 * 1024) }).end(),
    '/moved': (_req, res) => void res.writeHead(302, { location: '/catalog.yaml' }).end(),
    '/moved-out': (_req, res) => void res.writeHead(302, { location: 'http://example.com/catalog.yaml' }).end(),
    '/broken.yaml': (_req, res) => void res.writeHead(500, 'Internal Server Error').end('oops'),
  };
}

/** Starts a server on 127.0.0.1 that answers by path (404 otherwise); gives its base URL. */
export async function serve(routes: Record<string, Route>, onRequest?: (req: http.IncomingMessage) => void): Promise<{ server: http.Server; base: string; close(): void }> {
  const server = http.createServer((req, res) => {
    onRequest?.(req);
    const route = routes[req.url ?? ''];
    if (route) route(req, res);
    else res.writeHead(404, 'Not Found').end('nope');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    server,
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}
