import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter } from 'botbuilder';
import type { SurveyBot } from './surveyBot';

/** Teams messages are at most about 100 KB; anything far larger is not from Teams. */
const MAX_BODY_BYTES = 1024 * 1024;

export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * `POST /api/messages` on Node's own http server. CloudAdapter checks the Bot Framework
 * token (when an app id is configured) and answers 401 itself; we only parse the body and
 * give it the small response interface it expects.
 */
export function botEndpoint(adapter: CloudAdapter, bot: SurveyBot): HttpHandler {
  return async (req, res) => {
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an activity');
      body = parsed as Record<string, unknown>;
    } catch {
      res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'The request body is not a Bot Framework activity.' }));
      return;
    }
    let status = 200;
    const headers: Record<string, string> = {};
    const response = {
      socket: res.socket,
      status(code: number) {
        status = code;
        return response;
      },
      header(name: string, value: unknown) {
        headers[name] = String(value);
        return response;
      },
      send(payload?: unknown) {
        if (res.writableEnded) return response;
        if (payload === undefined) res.writeHead(status, headers).end();
        else {
          const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
          res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text);
        }
        return response;
      },
      end() {
        if (!res.writableEnded) res.writeHead(status, headers).end();
        return response;
      },
    };
    await adapter.process({ body, headers: req.headers, method: req.method }, response, (context) => bot.run(context));
    if (!res.writableEnded) res.writeHead(status, headers).end();
  };
}
