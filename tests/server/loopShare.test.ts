import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { LoopShare } from '../../src/server/loopShare';

/** Keeps the thread busy, as a bot turn's synchronous work does. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe('LoopShare', () => {
  it('starts waiting work in the order it arrived', async () => {
    const share = new LoopShare(5);
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        share.turn().then(() => {
          busy(1);
          order.push(i);
        }),
      ),
    );
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('lets the loop go round, and accept a new connection, between slices of work that arrived together', async () => {
    const server = net.createServer((socket) => socket.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const share = new LoopShare(10);
      let started = 0;
      let startedWhenAccepted = -1;
      server.once('connection', () => (startedWhenAccepted = started));
      // 40 turns of 5 ms each arrive at once: 200 ms of work.
      const work = Array.from({ length: 40 }, () =>
        share.turn().then(() => {
          started++;
          busy(5);
        }),
      );
      net.connect(port, '127.0.0.1').on('error', () => undefined);
      await Promise.all(work);
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Accepted while most of the work was still waiting, not after all of it.
      expect(startedWhenAccepted).toBeGreaterThanOrEqual(0);
      expect(startedWhenAccepted).toBeLessThan(20);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
