import { runSmoke } from '../../scripts/smoke-sharepoint';
import { startSharePointStandIn } from '../support/sharepointStandIn';

describe('npm run smoke:sharepoint', () => {
  it('is skipped, saying what to set, without a test site', async () => {
    const lines: string[] = [];
    expect(await runSmoke({}, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toMatch(/skipped: set PHC_SMOKE_SHAREPOINT_SITE/);
    expect(await runSmoke({ PHC_SMOKE_SHAREPOINT_SITE: 'https://contoso.sharepoint.com/sites/test' }, (l) => lines.push(l))).toBe('skipped');
    expect(lines.join('\n')).toMatch(/PHC_GRAPH_TENANT_ID/);
  });

  it('provisions, writes, reads back through delta and cleans up (against the stand-in as the tenant)', async () => {
    const sp = await startSharePointStandIn({ ruPerMinute: 1_000_000 });
    try {
      const lines: string[] = [];
      const outcome = await runSmoke(
        { PHC_SMOKE_SHAREPOINT_SITE: sp.site.webUrl, PHC_GRAPH_BASE_URL: sp.baseUrl, PHC_GRAPH_STATIC_TOKEN: 'stand-in-token', PHC_SHAREPOINT_RU_PER_MINUTE: '1000000' },
        (l) => lines.push(l),
      );
      expect(lines.join('\n')).toContain('Read back: the cycle and its 3 responses.');
      expect(outcome).toBe('passed');
      expect(lines.join('\n')).toContain('Cleaned up: 7 of 7 item(s) removed');
      expect(sp.itemsPerList()).toMatchObject({ 'PHC Cycles': 0, 'PHC Survey Responses': 0, 'PHC Participation': 0 });
    } finally {
      await sp.close();
    }
  });
});
