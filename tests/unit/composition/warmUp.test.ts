import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTelemetry } from '../../../src/adapters/telemetry/azureMonitor';
import { readConfig } from '../../../src/config';
import { serverSettings, WARM_UP_TURNS } from '../../../src/server/settings';
import { warmUp } from '../../../src/composition/warmUp';
import { withoutTelemetry } from '../../../src/telemetry/spans';
import { startAppInsightsStandIn } from '../../support/appInsightsStandIn';

/**
 * The practice the server plays against a private in-memory copy of itself before it listens:
 * real turns that bring cards back, a survey answered to its thank-you card, and not one span
 * of it reported as the council's traffic.
 */
const clock = { now: () => new Date('2027-01-12T09:00:00Z') };

describe('the warm-up before the server listens', () => {
  it('plays the turns it is asked for, each bringing a card back, and answers whole surveys to the thank-you card', async () => {
    const result = await warmUp({ turns: 400, withinMs: 60_000, clock });
    expect(result).toMatchObject({ turns: 400, failed: 0 });
    // Most practice people open the survey and press on a few cards; every 25th answers it all.
    expect(result.finished).toBeGreaterThanOrEqual(1);
  });

  it('stops when its time is up, however many turns are left', async () => {
    const result = await warmUp({ turns: 100_000, withinMs: 300, clock });
    expect(result.turns).toBeLessThan(100_000);
    expect(result.ms).toBeLessThan(20_000);
  });

  it('is never reported: with telemetry on, its requests and replies make no span', async () => {
    process.env.APPLICATION_INSIGHTS_NO_STATSBEAT = 'true';
    const insights = await startAppInsightsStandIn();
    const spans = new InMemorySpanExporter();
    const telemetry = startTelemetry(insights.connectionString, { alsoTo: new SimpleSpanProcessor(spans), exporter: { disableOfflineStorage: true, tlsOptions: { ca: insights.ca } } });
    try {
      // Without the guard the same practice is reported (so the count below can fail).
      await warmUp({ turns: 10, withinMs: 60_000, clock });
      const reported = spans.getFinishedSpans().length;
      expect(reported).toBeGreaterThanOrEqual(10);
      spans.reset();
      const result = await withoutTelemetry(() => warmUp({ turns: 30, withinMs: 60_000, clock }));
      expect(result.turns).toBe(30);
      expect(spans.getFinishedSpans()).toEqual([]);
    } finally {
      await telemetry.shutdown();
      await insights.close();
    }
  });

  it('is on by default, off with PHC_WARM_UP_TURNS=0, and refuses anything but a whole number in words', () => {
    const config = readConfig({});
    expect(serverSettings(config, {}).warmUpTurns).toBe(WARM_UP_TURNS);
    expect(serverSettings(config, { PHC_WARM_UP_TURNS: '0' }).warmUpTurns).toBe(0);
    expect(serverSettings(config, { PHC_WARM_UP_TURNS: ' 500 ' }).warmUpTurns).toBe(500);
    expect(() => serverSettings(config, { PHC_WARM_UP_TURNS: 'lots' })).toThrow('PHC_WARM_UP_TURNS must be a whole number of practice turns (0 for none), not "lots".');
    expect(() => serverSettings(config, { PHC_WARM_UP_TURNS: '-1' })).toThrow(/whole number/);
  });
});
