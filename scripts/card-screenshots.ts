/**
 * `npx tsx scripts/card-screenshots.ts [prefix]`: pictures of three cards as Teams draws them,
 * a survey section page, the review and an audit page, each at Adaptive Cards 1.2 on a 360 px
 * phone beside 1.5 on desktop (light theme), for docs/screenshots/cards/. The same cards as the
 * "before" pictures there, taken with this script's cards from the code before ADR 0017.
 * Prints each card's height. Drawn by tests/support/cardRender.ts (needs Chromium).
 */
import * as path from 'node:path';
import { reviewCard, sectionCard } from '../src/bot/cards';
import { auditFormCard } from '../src/bot/cards/auditForm';
import { practiceStandardsAuditSocialWork } from '../src/domain/audit/forms';
import { healthCheck } from '../src/domain/survey/healthCheck';
import { validateAnswers } from '../src/domain/survey/validate';
import { answersFor } from '../tests/fixtures/cardAnswers';
import { CardRenderer, DESKTOP, PHONE } from '../tests/support/cardRender';

const OUT = path.resolve(__dirname, '../docs/screenshots/cards');

async function main(): Promise<void> {
  const prefix = process.argv[2] ?? 'after';
  const cycle = { id: 'c', title: healthCheck.title, closesOn: '2027-03-26', threshold: 5, textThreshold: 10 };
  const answers = validateAnswers(healthCheck, answersFor('social-worker'), { mode: 'submit' });
  if (!answers.ok) throw new Error('The fixture answers do not pass the Health Check.');
  const cards: [string, Readonly<Record<string, unknown>>][] = [
    ['survey-section', sectionCard({ questionnaire: healthCheck, cycle, sectionIndex: 2, answers: {} })],
    ['review', reviewCard({ questionnaire: healthCheck, cycle, answers: answers.answers })],
    ['audit-page', auditFormCard({ form: practiceStandardsAuditSocialWork, task: { id: 't', due: '2027-01-14' }, part: 'auditor', answers: {}, page: 1, people: { subject: 'Amara Adeyemi' } })],
  ];
  const renderer = await CardRenderer.start();
  try {
    for (const [name, card] of cards) {
      const drawn = await renderer.render(card, [PHONE, DESKTOP], ['light']);
      console.log(`${name}: ${[...drawn].map(([variant, c]) => `${variant} ${c.height} px`).join(', ')}`);
      console.log(`  ${await renderer.screenshot(`${prefix}-${name}`, OUT, 'png')}`);
    }
  } finally {
    await renderer.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
