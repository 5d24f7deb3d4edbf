import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One Graph address in front of several stand-ins, as Microsoft Graph is one address in front
 * of SharePoint, Teams and the directory: each request goes to the first stand-in whose path
 * prefix (after `/v1.0`) it starts with, unchanged, and its answer comes back with the
 * stand-in's own address in links (`@odata.nextLink`, `Location`…) replaced by the front door's
 * (and the other way round in request bodies).
 * For a test of something that takes one Graph base URL (the tenant smoke test).
 */
export interface GraphFrontDoor {
  /** e.g. `http://127.0.0.1:1234/v1.0`. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

export async function startGraphFrontDoor(routes: readonly { readonly prefix: string; readonly baseUrl: string }[]): Promise<GraphFrontDoor> {
  let self = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').replace(/^\/v1\.0/, '');
      const route = routes.find((r) => path.startsWith(r.prefix));
      if (!route) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'UnknownRoute', message: `No stand-in serves ${path}.` } }));
        return;
      }
      const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string' && !['host', 'content-length', 'connection'].includes(e[0])));
      // Links in the request (an `@odata.bind`) name the stand-in, as Graph's would name Graph.
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8').split(self).join(route.baseUrl) : undefined;
      fetch(`${route.baseUrl}${path}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) }).then(
        async (answer) => {
          const out: Record<string, string> = {};
          answer.headers.forEach((value, name) => {
            if (!['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(name)) out[name] = value.split(route.baseUrl).join(self);
          });
          res.writeHead(answer.status, out).end((await answer.text()).split(route.baseUrl).join(self));
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  self = `http://127.0.0.1:${port}/v1.0`;
  return {
    baseUrl: self,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
