import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync } from 'node:zlib';
import JSZip from 'jszip';
import {
  APP_PACKAGE_DIR,
  DEFAULT_TAB_DOMAIN,
  PLACEHOLDER,
  PLACEHOLDER_IDS,
  PackageError,
  TEMPLATE_VARIABLES,
  loadTeamsSchema,
  packageApp,
  renderManifest,
  schemaUrl,
  settingsFrom,
  validateManifest,
} from '../../scripts/package-app';
import { crc32, decodePng, encodePng, pngSize, type RgbaImage } from '../../scripts/png';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/make-icons';

const template = fs.readFileSync(path.join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const icon = (name: string): Buffer => fs.readFileSync(path.join(APP_PACKAGE_DIR, name));

const REAL = {
  TEAMS_APP_ID: '3f2b6c1e-8d4a-4f6b-9c2e-1a7d5e9b0c44',
  BOT_ID: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
  TAB_CLIENT_ID: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  TAB_DOMAIN: 'phc.example.org',
  PRIVACY_URL: 'https://www.anytown.gov.uk/privacy/practice-health-check',
  TERMS_URL: 'https://www.anytown.gov.uk/acceptable-use',
};

interface Tab {
  entityId: string;
  name?: string;
  contentUrl?: string;
  scopes: string[];
}
interface Bot {
  botId: string;
  scopes: string[];
  supportsFiles: boolean;
  isNotificationOnly: boolean;
  commandLists: Array<{ scopes: string[]; commands: Array<{ title: string; description: string }> }>;
}

function rendered(env: Record<string, string | undefined> = {}): Record<string, unknown> {
  return renderManifest(template, settingsFrom(env));
}

describe('Teams app manifest', () => {
  const manifest = rendered();
  const version = manifest.manifestVersion as string;

  it('names the schema of its manifestVersion, which @microsoft/app-manifest ships', () => {
    expect(manifest.$schema).toBe(schemaUrl(version));
    // No skipping: if the schema cannot be found this throws and the test fails.
    const schema = loadTeamsSchema(version);
    expect(schema.properties).toHaveProperty('manifestVersion');
  });

  it('validates against the official schema, with the defaults and with real ids', () => {
    expect(validateManifest(manifest)).toEqual([]);
    expect(validateManifest(rendered(REAL))).toEqual([]);
  });

  it('refuses a description over 80 characters', () => {
    const bad = { ...manifest, description: { short: 'x'.repeat(81), full: 'y' } };
    expect(validateManifest(bad)).toEqual([expect.stringContaining('/description/short must NOT have more than 80 characters')]);
  });

  it('refuses a manifest the schema refuses, saying where', () => {
    const bad = { ...manifest, accentColor: 'teal', bots: [{ ...(manifest.bots as Bot[])[0], scopes: ['everywhere'] }], colour: 'x' };
    const problems = validateManifest(bad);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('/accentColor must match pattern'),
        expect.stringContaining('/bots/0/scopes/0 must be equal to one of the allowed values'),
        expect.stringContaining('must NOT have additional properties ("colour")'),
      ]),
    );
  });

  it('fails clearly when there is no schema for the manifestVersion', () => {
    expect(() => loadTeamsSchema('0.99')).toThrow(/No Teams manifest schema for manifestVersion "0.99".*It ships v1\.0 to /);
    expect(validateManifest({ ...manifest, manifestVersion: '1.30', $schema: schemaUrl('1.19') })).toEqual([expect.stringContaining('$schema is')]);
  });

  it('has the bot, in personal scope, with its commands', () => {
    const bots = manifest.bots as Bot[];
    expect(bots).toHaveLength(1);
    const [bot] = bots as [Bot];
    expect(bot.botId).toBe(PLACEHOLDER_IDS.BOT_ID);
    expect(bot).toMatchObject({ scopes: ['personal'], supportsFiles: false, isNotificationOnly: false });
    expect(bot.commandLists).toEqual([
      {
        scopes: ['personal'],
        commands: [
          { title: 'survey', description: 'Start or carry on with the open survey' },
          { title: 'status', description: 'See whether you have taken part' },
          { title: 'help', description: expect.any(String) },
        ],
      },
    ]);
  });

  it('has the personal static tabs on the tab domain', () => {
    const tabs = manifest.staticTabs as Tab[];
    expect(tabs.map((t) => t.entityId)).toEqual(['conversations', 'dashboard', 'surveys', 'about']);
    expect(tabs.every((t) => t.scopes.length === 1 && t.scopes[0] === 'personal')).toBe(true);
    expect(tabs.find((t) => t.entityId === 'dashboard')).toMatchObject({ name: 'Dashboard', contentUrl: `https://${DEFAULT_TAB_DOMAIN}/tab/dashboard` });
    expect(tabs.find((t) => t.entityId === 'surveys')).toMatchObject({ name: 'My surveys', contentUrl: `https://${DEFAULT_TAB_DOMAIN}/tab/surveys` });
    expect(manifest.validDomains).toEqual([DEFAULT_TAB_DOMAIN]);
  });

  it('fills TEAMS_APP_ID, BOT_ID, TAB_CLIENT_ID and TAB_DOMAIN from the environment', () => {
    const real = rendered(REAL);
    expect(real.id).toBe(REAL.TEAMS_APP_ID);
    expect((real.bots as Bot[])[0]?.botId).toBe(REAL.BOT_ID);
    expect((real.staticTabs as Tab[]).filter((t) => t.contentUrl).map((t) => t.contentUrl)).toEqual(['https://phc.example.org/tab/dashboard', 'https://phc.example.org/tab/surveys']);
    expect(real.validDomains).toEqual(['phc.example.org']);
    // Teams single sign-on in the tab: the audience the server accepts (PHC_TAB_CLIENT_ID, PHC_TAB_DOMAIN).
    expect(real.webApplicationInfo).toEqual({ id: REAL.TAB_CLIENT_ID, resource: `api://phc.example.org/${REAL.TAB_CLIENT_ID}` });
    const text = JSON.stringify(real);
    expect(text).not.toContain(PLACEHOLDER_IDS.TEAMS_APP_ID);
    expect(text).not.toContain(PLACEHOLDER_IDS.BOT_ID);
    expect(text).not.toContain(PLACEHOLDER_IDS.TAB_CLIENT_ID);
    expect(text).not.toContain('{{');
  });

  it("uses only the placeholders the packaging script fills, in the Agents Toolkit's ${{NAME}} form", () => {
    expect([...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort()).toEqual([...TEMPLATE_VARIABLES].sort());
    // No ids written into the template: each comes from the environment.
    expect(template.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi)).toBeNull();
    expect(() => renderManifest(template.replace('${{TAB_DOMAIN}}/tab/surveys', '${{TAB_HOST}}/tab/surveys'), settingsFrom({}))).toThrow(/does not fill: \$\{\{TAB_HOST\}\}/);
    expect(() => renderManifest(template.replace('${{TAB_DOMAIN}}/tab/surveys', '{{TAB_DOMAIN}}/tab/surveys'), settingsFrom({}))).toThrow(/does not fill: \{\{TAB_DOMAIN\}\}/);
  });

  it("signs the tab in with the bot's app when TAB_CLIENT_ID is not given (one Entra app for both)", () => {
    const shared = rendered({ ...REAL, TAB_CLIENT_ID: undefined });
    expect((shared.bots as Bot[])[0]?.botId).toBe(REAL.BOT_ID);
    expect(shared.webApplicationInfo).toEqual({ id: REAL.BOT_ID, resource: `api://phc.example.org/${REAL.BOT_ID}` });
    expect(settingsFrom({ BOT_ID: REAL.BOT_ID }).defaulted).toContain('TAB_CLIENT_ID');
    // An empty setting is the same as none: proactive installs need webApplicationInfo to name the bot's app.
    expect(rendered({ ...REAL, TAB_CLIENT_ID: '' }).webApplicationInfo).toEqual(shared.webApplicationInfo);
    // With no bot either, both stay placeholders (checking the package only).
    expect(rendered().webApplicationInfo).toEqual({ id: PLACEHOLDER_IDS.TAB_CLIENT_ID, resource: `api://${DEFAULT_TAB_DOMAIN}/${PLACEHOLDER_IDS.TAB_CLIENT_ID}` });
  });

  it('refuses malformed settings with a clear message', () => {
    expect(() => settingsFrom({ BOT_ID: 'my-bot' })).toThrow(/BOT_ID must be a GUID/);
    expect(() => settingsFrom({ TEAMS_APP_ID: '123' })).toThrow(/TEAMS_APP_ID must be a GUID/);
    expect(() => settingsFrom({ TAB_CLIENT_ID: 'api://phc.example.org/tab' })).toThrow(/TAB_CLIENT_ID must be a GUID/);
    expect(() => settingsFrom({ TAB_DOMAIN: 'https://phc.example.org/' })).toThrow(/TAB_DOMAIN must be a host name/);
    expect(settingsFrom({ TEAMS_APP_ID: '', TAB_DOMAIN: 'localhost:53000' })).toMatchObject({ teamsAppId: PLACEHOLDER_IDS.TEAMS_APP_ID, tabDomain: 'localhost:53000' });
  });

  it('has descriptions within the limits', () => {
    const { short, full } = manifest.description as { short: string; full: string };
    expect(short.length).toBeLessThanOrEqual(80);
    expect(full.length).toBeLessThanOrEqual(4000);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });
});

describe('Teams app icons', () => {
  it('are 192x192 (colour) and 32x32 (outline), read from the IHDR', () => {
    expect(pngSize(icon('color.png'))).toEqual({ width: 192, height: 192 });
    expect(pngSize(icon('outline.png'))).toEqual({ width: 32, height: 32 });
  });

  it('outline.png has only white or fully transparent pixels, and some of each', () => {
    const { width, height, data } = decodePng(icon('outline.png'));
    expect(data.length).toBe(width * height * 4);
    let white = 0;
    let transparent = 0;
    const offenders: string[] = [];
    for (let p = 0; p < width * height; p++) {
      const [r, g, b, a] = data.subarray(p * 4, p * 4 + 4);
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
      else offenders.push(`(${p % width},${Math.floor(p / width)}) rgba(${r},${g},${b},${a})`);
    }
    expect(offenders).toEqual([]);
    expect(white).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });

  it('color.png is opaque teal with a white glyph in the middle', () => {
    const { width, data } = decodePng(icon('color.png'));
    const at = (x: number, y: number) => [...data.subarray((y * width + x) * 4, (y * width + x) * 4 + 4)];
    expect(at(96, 20)).toEqual([0x0f, 0x6e, 0x6e, 255]);
    expect(at(96, 70)).toEqual([255, 255, 255, 255]);
  });

  it('are what scripts/make-icons.ts draws (run it after changing the drawing)', () => {
    // Compare decoded pixels (not PNG bytes: another zlib may deflate differently); Buffer.equals is fast.
    const same = (file: string, drawn: RgbaImage) => {
      const committed = decodePng(icon(file));
      return committed.width === drawn.width && committed.height === drawn.height && Buffer.from(committed.data).equals(Buffer.from(drawn.data));
    };
    expect(same('color.png', drawColorIcon())).toBe(true);
    expect(same('outline.png', drawOutlineIcon())).toBe(true);
  });

  it('the PNG decoder undoes every row filter', () => {
    // A 3x5 RGBA image, hand-filtered with types 0..4 (one per row), must decode to the same pixels.
    const width = 3;
    const height = 5;
    const pixels = Uint8Array.from({ length: width * height * 4 }, (_, i) => (i * 37 + 11) % 256);
    const encoded = encodePng({ width, height, data: pixels });
    expect(decodePng(encoded).data).toEqual(pixels);

    const stride = width * 4;
    const px = (x: number, y: number, c: number) => (x < 0 || y < 0 ? 0 : (pixels[y * stride + x * 4 + c] as number));
    const raw: number[] = [];
    for (let y = 0; y < height; y++) {
      const filter = y;
      raw.push(filter);
      for (let x = 0; x < width; x++) {
        for (let c = 0; c < 4; c++) {
          const v = px(x, y, c);
          const a = px(x - 1, y, c);
          const b = px(x, y - 1, c);
          const d = px(x - 1, y - 1, c);
          const p = a + b - d;
          const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - d) ? a : Math.abs(p - b) <= Math.abs(p - d) ? b : d;
          const predictor = [0, a, b, (a + b) >> 1, paeth][filter] as number;
          raw.push((v - predictor + 256) % 256);
        }
      }
    }
    // Swap the IDAT of the filter-0 encoding for the hand-filtered one.
    const idat = deflateSync(Buffer.from(raw));
    const head = encoded.subarray(0, 8 + 25); // signature + IHDR
    const chunk = (type: string, body: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])));
      return Buffer.concat([len, Buffer.from(type), body, crc]);
    };
    const filtered = Buffer.concat([head, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
    expect(decodePng(filtered)).toEqual({ width, height, data: pixels });
  });
});

describe('npm run package', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'phc-apppackage-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a zip with exactly manifest.json, color.png and outline.png at its root', async () => {
    const outFile = path.join(dir, 'out', 'appPackage.zip');
    const result = await packageApp({ outFile, env: REAL });
    expect(result.outFile).toBe(outFile);

    const zip = await JSZip.loadAsync(fs.readFileSync(outFile));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as Record<string, unknown>;
    expect(manifest.id).toBe(REAL.TEAMS_APP_ID);
    expect(validateManifest(manifest)).toEqual([]);
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(icon('color.png'));
    expect(await zip.file('outline.png')!.async('nodebuffer')).toEqual(icon('outline.png'));
  });

  it('refuses to build with placeholder or missing privacy and terms addresses, and writes nothing', async () => {
    const outFile = path.join(dir, 'appPackage.zip');
    const { PRIVACY_URL: _privacy, TERMS_URL: _terms, ...ids } = REAL;
    const cases: [Record<string, string>, RegExp][] = [
      [ids, /PRIVACY_URL is not set[\s\S]*TERMS_URL is not set/],
      [{ ...REAL, PRIVACY_URL: 'https://example.org/practice-health-check/privacy' }, /PRIVACY_URL .*example\.org.* placeholder/],
      [{ ...REAL, TERMS_URL: 'https://www.example.com/terms' }, /TERMS_URL .*placeholder/],
      [{ ...REAL, PRIVACY_URL: 'http://www.anytown.gov.uk/privacy' }, /PRIVACY_URL must be an https:\/\/ address/],
      [{ ...REAL, TERMS_URL: 'https://intranet.test/terms' }, /TERMS_URL .*placeholder/],
    ];
    for (const [env, refusal] of cases) {
      const attempt = packageApp({ outFile, env });
      await expect(attempt).rejects.toBeInstanceOf(PackageError);
      await expect(attempt).rejects.toThrow(refusal);
      expect(fs.existsSync(outFile)).toBe(false);
    }
    const built = await packageApp({ outFile, env: REAL });
    expect(built.manifest.developer as Record<string, string>).toMatchObject({ privacyUrl: REAL.PRIVACY_URL, termsOfUseUrl: REAL.TERMS_URL });
  });

  it('refuses an invalid manifest and writes nothing', async () => {
    const src = path.join(dir, 'appPackage');
    fs.mkdirSync(src);
    for (const f of ['color.png', 'outline.png']) fs.copyFileSync(path.join(APP_PACKAGE_DIR, f), path.join(src, f));
    const broken = JSON.parse(template) as Record<string, unknown>;
    broken.name = { short: 'A name far too long for the Teams app bar', full: 'Practice Health Check' };
    fs.writeFileSync(path.join(src, 'manifest.json'), JSON.stringify(broken));
    const outFile = path.join(dir, 'appPackage.zip');

    const attempt = packageApp({ appPackageDir: src, outFile, env: {} });
    await expect(attempt).rejects.toBeInstanceOf(PackageError);
    await expect(attempt).rejects.toThrow(/not valid against the 1\.\d+ schema[\s\S]*\/name\/short must NOT have more than 30 characters/);
    expect(fs.existsSync(outFile)).toBe(false);
  });
});
