/**
 * Renders Adaptive Cards the way a Teams client would draw them, so that tests can measure
 * what people see rather than read the JSON: the `adaptivecards` library (the renderer
 * Microsoft publishes, and what the Agents Playground draws cards with) in headless Chromium,
 * with the Teams light and dark host configs vendored in tests/fixtures/schemas/, and
 * markdown-it for Markdown as Teams does.
 *
 * Two hosts are modelled:
 * - a phone: Adaptive Cards 1.2 (what Teams mobile renders), 360 px wide;
 * - desktop: Adaptive Cards 1.5, at Teams' card width in a chat.
 * "Renders 1.2" means what the shared object model behind Teams mobile does: properties newer
 * than 1.2 (such as an input's `label`) are not read, element types newer than 1.2 fall back,
 * and the host declares the `adaptiveCards` feature at its own version, so an element that
 * `requires` a newer one falls back (see docs/adr/0017-card-layout-and-skippable-questions.md).
 *
 * One browser and one page serve every card: cards are rendered side by side into the page,
 * measured there, and screenshots are taken of a row of them at once.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMAS = path.join(ROOT, 'tests/fixtures/schemas');
const CHROMIUM = process.env.PHC_CHROMIUM ?? '/usr/bin/chromium';

export const CARD_SCREENSHOTS = path.join(ROOT, 'test-artifacts/cards');

export type Theme = 'light' | 'dark';

export interface Host {
  readonly name: string;
  /** The Adaptive Cards version the host renders. */
  readonly version: '1.2' | '1.5';
  /** The card's width in px. */
  readonly width: number;
  /**
   * Whether the host declares the `adaptiveCards` feature at its version, as renderers built
   * on the shared object model do. Default true; false models a host that does not, so an
   * element requiring a newer version falls back there too.
   */
  readonly declaresVersion?: boolean;
}

/**
 * Teams on a phone: 1.2 at 360 px. Teams desktop and web: 1.5, in a chat the card is 448 px
 * wide (the width Teams gives a card that does not ask for full width).
 */
export const PHONE: Host = { name: 'phone', version: '1.2', width: 360 };
export const DESKTOP: Host = { name: 'desktop', version: '1.5', width: 448 };

export interface RenderedInput {
  readonly id: string;
  readonly type: string;
  /** The input's visible label, as rendered (empty when the host showed none). */
  readonly label: string;
  /**
   * The text just before the input in its container, when that is a text block (how a
   * renderer without labels shows what the input is); empty otherwise.
   */
  readonly textBefore: string;
  /** For a toggle: its title, shown beside the box. */
  readonly title: string;
  /** What a screen reader announces as the input's name (aria-labelledby / aria-label). */
  readonly accessibleName: string;
}

export interface RenderedButton {
  readonly title: string;
  /** The button's text is cut short (ellipsis). */
  readonly truncated: boolean;
  readonly top: number;
  readonly left: number;
  readonly width: number;
  /** Whether it is in the card's own action bar (not an ActionSet in the body). */
  readonly cardAction: boolean;
}

export interface RenderedCard {
  readonly height: number;
  /** Every visible text (text blocks and input labels; not choice titles), as shown. */
  readonly texts: readonly string[];
  /** Visible choice titles, in order. */
  readonly choices: readonly string[];
  readonly inputs: readonly RenderedInput[];
  readonly buttons: readonly RenderedButton[];
  /** Headings of body elements in order, top to bottom, with their offset from the card's top. */
  readonly firstTextTop: number;
  /** The first visible text of the card. */
  readonly firstText: string;
  /** Ordered and unordered lists Markdown produced (a text that became a list by accident). */
  readonly lists: number;
  /** Set when the library could not render the card. */
  readonly error?: string;
}

export interface CardToRender {
  readonly name: string;
  readonly card: Readonly<Record<string, unknown>>;
}

function readSchema(file: string): string {
  const full = path.join(SCHEMAS, file);
  if (!fs.existsSync(full)) throw new Error(`${file} is missing from tests/fixtures/schemas (see its README): the card render check needs it.`);
  return fs.readFileSync(full, 'utf8');
}

/** Prefixes every selector of a flat stylesheet, so both themes' rules can share one page. */
function scopeCss(css: string, scope: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '').replace(
    /([^{}]+)\{/g,
    (_m, selectors: string) =>
      `${selectors
        .split(',')
        .map((s) => `${scope} ${s.trim()}`)
        .join(', ')} {`,
  );
}

/** The page: the library, markdown-it and both host configs, and the measuring code. */
function pageHtml(): string {
  const lib = fs.readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8');
  const css = (['light', 'dark'] as const).map((theme) => scopeCss(readSchema(`teams-card-${theme}.css`), `.slot.${theme}`)).join('\n');
  const markdown = fs.readFileSync(require.resolve('markdown-it/dist/markdown-it.min.js'), 'utf8');
  const hostConfigs = `{"light": ${readSchema('teams-hostconfig-light.json')}, "dark": ${readSchema('teams-hostconfig-dark.json')}}`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}
    body { margin: 0; font-family: 'Segoe UI', Tahoma, Geneva, Verdana, sans-serif; background: #f5f5f5; }
    #stage { display: flex; align-items: flex-start; gap: 16px; padding: 16px; width: max-content; }
    .slot { flex: 0 0 auto; border: 1px solid #d1d1d1; border-radius: 4px; overflow: hidden; }
    .slot.dark { border-color: #3b3a39; }
    .caption { font: 12px sans-serif; color: #605e5c; padding: 2px 4px; background: #fff; border-bottom: 1px solid #d1d1d1; }
  </style></head><body><div id="stage"></div>
  <script>${markdown}</script>
  <script>${lib}</script>
  <script>
  window.HOST_CONFIGS = ${hostConfigs};
  ${IN_PAGE}
  </script></body></html>`;
}

/**
 * Runs in the page (as text: this file is type-checked without the DOM library). Renders one
 * card into a new slot and returns what it measured.
 */
const IN_PAGE = String.raw`
const AC = window.AdaptiveCards;
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = window.markdownit().render(text);
  result.didProcess = true;
};
const visible = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
const clean = (s) => (s || '').replace(/\s+/g, ' ').trim();
window.renderCard = (json, host, theme, caption) => {
  const stage = document.getElementById('stage');
  const slot = document.createElement('div');
  slot.className = 'slot ' + theme;
  slot.style.width = host.width + 'px';
  const cap = document.createElement('div');
  cap.className = 'caption';
  cap.textContent = caption;
  slot.appendChild(cap);
  stage.appendChild(slot);
  const version = host.version === '1.2' ? AC.Versions.v1_2 : AC.Versions.v1_5;
  const card = new AC.AdaptiveCard();
  const hostConfig = new AC.HostConfig(window.HOST_CONFIGS[theme]);
  if (host.declaresVersion !== false) hostConfig.hostCapabilities.addCapability('adaptiveCards', version);
  card.hostConfig = hostConfig;
  card.maxVersion = version;
  const context = new AC.SerializationContext(version);
  card.parse(JSON.parse(json), context);
  let root;
  try { root = card.render(); } catch (e) { return { error: String(e && e.message || e) }; }
  if (!root) return { error: 'the library rendered nothing' };
  slot.appendChild(root);
  const top = root.getBoundingClientRect().top;
  const inChoice = (el) => !!el.closest('.ac-input');
  const texts = [];
  let firstText = '';
  let firstTextTop = -1;
  for (const el of root.querySelectorAll('.ac-textBlock, .ac-richTextBlock')) {
    if (!visible(el) || inChoice(el)) continue;
    if (el.parentElement && el.parentElement.closest('.ac-textBlock, .ac-richTextBlock')) continue;
    const t = clean(el.innerText);
    if (t === '') continue;
    texts.push(t);
    if (firstTextTop < 0) { firstTextTop = el.getBoundingClientRect().top - top; firstText = t; }
  }
  const choices = [...root.querySelectorAll('.ac-input .ac-textBlock')].filter(visible).map((el) => clean(el.innerText));
  const nameOf = (el) => {
    if (!el) return '';
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const byIds = ids.map((id) => { const l = document.getElementById(id); return l ? clean(l.innerText) : ''; }).join(' ').trim();
    return byIds || clean(el.getAttribute('aria-label') || '');
  };
  const inputs = card.getAllInputs().filter((input) => visible(input.renderedElement)).map((input) => {
    const labelEl = input._renderedLabelElement;
    const label = labelEl && visible(labelEl) ? clean(labelEl.innerText) : '';
    let textBefore = '';
    const parent = input.parent;
    if (parent && typeof parent.getItemCount === 'function') {
      let i = parent.indexOf(input) - 1;
      while (i >= 0 && !(parent.getItemAt(i).renderedElement && visible(parent.getItemAt(i).renderedElement))) i--;
      const before = i >= 0 ? parent.getItemAt(i) : undefined;
      if (before && (before.getJsonTypeName() === 'TextBlock' || before.getJsonTypeName() === 'RichTextBlock')) textBefore = clean(before.renderedElement.innerText);
    }
    const control = input.renderedInputControlElement;
    const title = input.getJsonTypeName() === 'Input.Toggle' ? clean(input.title) : '';
    return { id: input.id, type: input.getJsonTypeName(), label, textBefore, title, accessibleName: nameOf(control) || nameOf(control && control.querySelector('input, textarea, select')) };
  });
  const cardActions = new Set();
  for (let i = 0; i < card.getActionCount(); i++) if (card.getActionAt(i).renderedElement) cardActions.add(card.getActionAt(i).renderedElement);
  const buttons = [...root.querySelectorAll('.ac-pushButton')].filter(visible).map((b) => {
    const r = b.getBoundingClientRect();
    return {
      title: clean(b.innerText),
      truncated: b.scrollWidth > b.clientWidth + 1 || [...b.querySelectorAll('*')].some((c) => c.scrollWidth > c.clientWidth + 1),
      top: Math.round(r.top - top),
      left: Math.round(r.left - root.getBoundingClientRect().left),
      width: Math.round(r.width),
      cardAction: cardActions.has(b),
    };
  });
  return {
    height: Math.round(root.getBoundingClientRect().height),
    texts,
    choices,
    inputs,
    buttons,
    firstText,
    firstTextTop: Math.round(firstTextTop),
    lists: root.querySelectorAll('ol, ul').length,
  };
};
window.clearStage = () => { document.getElementById('stage').innerHTML = ''; };
`;

export class CardRenderer {
  private constructor(
    private readonly browser: Browser,
    private readonly page: Page,
  ) {}

  static async start(): Promise<CardRenderer> {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, deviceScaleFactor: 1 });
      await page.setContent(pageHtml());
      return new CardRenderer(browser, page);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  /** Renders one card for each host and theme, side by side, and measures each. */
  async render(card: Readonly<Record<string, unknown>>, hosts: readonly Host[], themes: readonly Theme[] = ['light', 'dark']): Promise<Map<string, RenderedCard>> {
    const variants = hosts.flatMap((host) => themes.map((theme) => ({ host, theme, caption: `${host.name}: Adaptive Cards ${host.version}, ${host.width} px, ${theme}` })));
    const results = await this.page.evaluate<RenderedCard[]>(
      `(() => { window.clearStage(); const json = ${JSON.stringify(JSON.stringify(card))}; return ${JSON.stringify(variants)}.map((v) => window.renderCard(json, v.host, v.theme, v.caption)); })()`,
    );
    return new Map(variants.map((v, i) => [variantKey(v.host, v.theme), results[i]!]));
  }

  /**
   * A picture of what `render` last drew (every variant side by side): JPEG by default, which
   * is quick enough for a few hundred cards; PNG for pictures that are kept in the repository.
   */
  async screenshot(name: string, directory = CARD_SCREENSHOTS, format: 'jpeg' | 'png' = 'jpeg'): Promise<string> {
    fs.mkdirSync(directory, { recursive: true });
    const file = path.join(
      directory,
      `${name
        .replace(/[^a-z0-9.-]+/gi, '-')
        .replace(/^-|-$/g, '')
        .toLowerCase()}.${format === 'jpeg' ? 'jpg' : 'png'}`,
    );
    const box = await this.page.evaluate<{ x: number; y: number; width: number; height: number }>(
      `(() => { const r = document.getElementById('stage').getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`,
    );
    const session = await this.session();
    const shot = (await session.send('Page.captureScreenshot', { format, ...(format === 'jpeg' ? { quality: 70 } : {}), captureBeyondViewport: true, clip: { ...box, scale: 1 } })) as { data: string };
    fs.writeFileSync(file, Buffer.from(shot.data, 'base64'));
    return file;
  }

  private cdp: CDPSession | undefined;
  private async session(): Promise<CDPSession> {
    this.cdp ??= await this.page.context().newCDPSession(this.page);
    return this.cdp;
  }

  async close(): Promise<void> {
    await this.browser.close();
  }
}

export function variantKey(host: Host, theme: Theme): string {
  return `${host.name} ${theme}`;
}
