/**
 * The least a bot can do for someone opening the survey, as a yardstick for `bench:burst`: a
 * bare Node HTTP server that reads the activity, posts one card of about 8 KB back to the Bot
 * Connector at the activity's `serviceUrl` (the reply form of the route, over kept connections,
 * as the bot does) and answers 200 once the card is taken. No framework, checks, limits, log,
 * store or turn. What it costs on a machine is what no version of the bot can go under there;
 * `bench:burst` runs it under the same openings as the real server.
 *
 * Run as its own process (`node --import tsx tests/bench/burstFloor.ts`); prints `listening <port>`.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LISTEN_BACKLOG } from '../../src/server/settings';

/** About the size of a survey card. */
const CARD_BYTES = 8 * 1024;

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: Array.from({ length: Math.ceil(CARD_BYTES / 128) }, (_, i) => ({
    type: 'TextBlock',
    wrap: true,
    text: `Statement ${i + 1}: my supervision helps me reflect on my practice and on the people I work with.`,
  })),
};

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function reply(activity: Record<string, unknown>, answered: () => void, failed: () => void): void {
  const conversation = activity.conversation as { id: string };
  const body = Buffer.from(
    JSON.stringify({
      type: 'message',
      replyToId: activity.id,
      from: activity.recipient,
      recipient: activity.from,
      conversation,
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    }),
  );
  const url = new URL(`v3/conversations/${encodeURIComponent(conversation.id)}/activities/${encodeURIComponent(String(activity.id))}`, String(activity.serviceUrl));
  const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': body.length } }, (response) => {
    response.resume();
    response.on('end', () => (response.statusCode === 201 ? answered() : failed()));
  });
  request.on('error', failed);
  request.end(body);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const done = (status: number) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end('{}');
    };
    reply(
      JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>,
      () => done(200),
      () => done(502),
    );
  });
});
server.keepAliveTimeout = 60_000;
// The real server's backlog, so the kernel turns nobody away here either.
server.listen(0, '127.0.0.1', LISTEN_BACKLOG, () => console.log(`listening ${(server.address() as AddressInfo).port}`));
