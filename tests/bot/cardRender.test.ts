/**
 * The card render check: every card the bot can send (tests/fixtures/everyCard.ts), drawn by
 * the adaptivecards library in headless Chromium as Teams would draw it (see
 * tests/support/cardRender.ts): at Adaptive Cards 1.2 on a 360 px phone and at 1.5 at Teams'
 * card width on desktop, with the Teams light and dark host configs. It measures each card
 * and checks what a person sees: every input has visible words at both versions (and a name
 * for screen readers where the host supports labels), no question's text shows twice, no text
 * turns into a Markdown list, survey and audit pages start with their heading and stay short,
 * and the buttons fit one row on a phone. Screenshots of every card are kept under
 * test-artifacts/cards/, with the measured heights in heights.json.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { everyCard, type CardEntry, type CardKind } from '../fixtures/everyCard';
import { CARD_SCREENSHOTS, CardRenderer, DESKTOP, PHONE, variantKey, type Host, type RenderedCard, type Theme } from '../support/cardRender';

jest.setTimeout(180_000);

/** "About 1,200 px": the tallest a card page may be at 1.5 on desktop. */
const MAX_HEIGHT = 1200;
/**
 * Cards whose height follows what people wrote or how many things they have, not the layout:
 * a sent audit shows every comment in full; the audit lists hold up to ten audits a section;
 * the 39-steps return is one form sent once a year with no draft to split it over; the privacy
 * notice is read, not filled in, and says all the law asks it to.
 */
const HEIGHT_FOLLOWS_CONTENT: readonly CardKind[] = ['audit-record', 'list', 'return', 'notice'];

const HOSTS: readonly Host[] = [PHONE, DESKTOP];
const THEMES: readonly Theme[] = ['light', 'dark'];

interface Drawn {
  readonly entry: CardEntry;
  readonly variants: ReadonlyMap<string, RenderedCard>;
}

const normalise = (s: string): string =>
  s
    .toLowerCase()
    .replace(/\((required|optional)\)/g, '')
    .replace(/[^\p{L}\p{N} ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Each input's words as the card gives them: its label, or a toggle's title. */
function wordsOf(card: unknown): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string') {
        const words = o.type === 'Input.Toggle' ? o.title : o.label;
        if (typeof words === 'string' && words.trim() !== '') out.set(o.id, words);
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

function sentences(text: string): string[] {
  return text
    .split(/(?<=[.?!])\s+/)
    .map(normalise)
    .filter((s) => s.length >= 20);
}

describe('every card, drawn as Teams would draw it', () => {
  const drawn: Drawn[] = [];
  const started = Date.now();
  let renderer: CardRenderer | undefined;

  beforeAll(async () => {
    fs.rmSync(CARD_SCREENSHOTS, { recursive: true, force: true });
    renderer = await CardRenderer.start();
    for (const entry of everyCard()) {
      const variants = await renderer.render(entry.card, HOSTS, THEMES);
      await renderer.screenshot(entry.name);
      drawn.push({ entry, variants });
    }
    const heights = Object.fromEntries(drawn.map((d) => [d.entry.name, Object.fromEntries([...d.variants].map(([k, v]) => [k, v.height]))]));
    fs.writeFileSync(path.join(CARD_SCREENSHOTS, 'heights.json'), `${JSON.stringify(heights, null, 2)}\n`);
  });

  afterAll(async () => {
    await renderer?.close();
  });

  const each = (check: (d: Drawn, host: Host, theme: Theme, card: RenderedCard) => readonly string[]): string[] =>
    drawn.flatMap((d) =>
      HOSTS.flatMap((host) => THEMES.flatMap((theme) => check(d, host, theme, d.variants.get(variantKey(host, theme))!).map((p) => `${d.entry.name} [${host.name} ${theme}]: ${p}`))),
    );

  it('draws every card at 1.2 and 1.5, light and dark, in good time', () => {
    expect(drawn.length).toBeGreaterThan(100);
    expect(each((_d, _h, _t, card) => (card.error ? [card.error] : []))).toEqual([]);
    console.log(`Card render check: ${drawn.length} cards × ${HOSTS.length * THEMES.length} in ${Math.round((Date.now() - started) / 100) / 10} s; screenshots in ${CARD_SCREENSHOTS}`);
  });

  it('shows each input with its words, the same at 1.2 and at 1.5', () => {
    expect(
      each((d, _h, _t, card) => {
        const expected = wordsOf(d.entry.card);
        return card.inputs.flatMap((i) => {
          const want = expected.get(i.id);
          const shown = i.title || i.label || i.textBefore;
          if (want === undefined) return [`${i.id} has no words in the card`];
          return normalise(shown) === normalise(want) ? [] : [`${i.id} shows "${shown}" instead of "${want}"`];
        });
      }),
    ).toEqual([]);
  });

  it('gives every input a name for screen readers where the host supports labels (1.5): its visible words', () => {
    expect(
      each((_d, host, _t, card) =>
        host.version === '1.2' ? [] : card.inputs.filter((i) => (i.title || i.label) === '' || !i.accessibleName.startsWith(i.title || i.label)).map((i) => `${i.id} is named "${i.accessibleName}"`),
      ),
    ).toEqual([]);
  });

  it("shows each question once, and no sentence of the page's intro or guidance twice", () => {
    expect(
      each((d, _h, _t, card) => {
        const problems: string[] = [];
        for (const question of d.entry.questions ?? []) {
          const q = normalise(question);
          const times = card.texts.filter((t) => normalise(t).includes(q)).length;
          if (times !== 1) problems.push(`"${question}" shows ${times} times`);
        }
        // The other words the page is made of (intro, guidance): no sentence of them twice.
        for (const sentence of new Set((d.entry.authored ?? []).flatMap(sentences))) {
          const times = card.texts.filter((t) => sentences(t).includes(sentence)).length;
          if (times > 1) problems.push(`"${sentence}" shows ${times} times`);
        }
        return problems;
      }),
    ).toEqual([]);
  });

  it('keeps text that begins with a number as text, not a Markdown list', () => {
    expect(each((_d, _h, _t, card) => (card.lists > 0 ? [`${card.lists} lists`] : []))).toEqual([]);
  });

  it(`keeps every survey and audit page, and the review, at most ${MAX_HEIGHT} px tall at 1.5 on desktop`, () => {
    expect(each((d, host, _t, card) => (host.name === 'desktop' && !HEIGHT_FOLLOWS_CONTENT.includes(d.entry.kind) && card.height > MAX_HEIGHT ? [`${card.height} px`] : []))).toEqual([]);
  });

  it('starts each survey and audit page with its heading', () => {
    expect(each((d, _h, _t, card) => (d.entry.heading !== undefined && card.firstText !== d.entry.heading ? [`starts with "${card.firstText}"`] : []))).toEqual([]);
  });

  it('fits the buttons in one row on a 360 px phone, none cut short', () => {
    expect(
      each((_d, host, _t, card) => {
        const bar = card.buttons.filter((b) => b.cardAction);
        const problems = card.buttons.filter((b) => b.truncated).map((b) => `"${b.title}" is cut short`);
        if (host.name === 'phone' && new Set(bar.map((b) => b.top)).size > 1) problems.push(`buttons on ${new Set(bar.map((b) => b.top)).size} rows: ${bar.map((b) => b.title).join(' | ')}`);
        return problems;
      }),
    ).toEqual([]);
  });

  it('shows one text per input on a 1.5 host that does not declare its version too (it shows the 1.2 layout)', async () => {
    const undeclared: Host = { ...DESKTOP, name: 'desktop, version not declared', declaresVersion: false };
    const sample = drawn.filter((d) => d.entry.kind === 'survey-page' || d.entry.kind === 'audit-page').filter((_d, i) => i % 10 === 0);
    expect(sample.length).toBeGreaterThan(5);
    const problems: string[] = [];
    for (const d of sample) {
      const card = (await renderer!.render(d.entry.card, [undeclared], ['light'])).get(variantKey(undeclared, 'light'))!;
      const expected = wordsOf(d.entry.card);
      for (const input of card.inputs) if (normalise(input.title || input.label || input.textBefore) !== normalise(expected.get(input.id) ?? '')) problems.push(`${d.entry.name}: ${input.id}`);
      for (const question of d.entry.questions ?? []) if (card.texts.filter((t) => normalise(t).includes(normalise(question))).length !== 1) problems.push(`${d.entry.name}: "${question}"`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps a screenshot of every card', () => {
    const files = fs.readdirSync(CARD_SCREENSHOTS).filter((f) => f.endsWith('.jpg'));
    expect(files.length).toBe(drawn.length);
  });
});
