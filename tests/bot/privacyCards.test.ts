import { helpCard, privacyCard, reviewCard, thanksCard, welcomeCard } from '../../src/bot/cards';
import { privacyNotice } from '../../src/domain/dataProtection/privacy';
import { retentionSchedule } from '../../src/domain/dataProtection/retention';
import { healthCheck } from '../../src/domain/survey/healthCheck';
import { answersFor } from '../fixtures/cardAnswers';

/** Every TextBlock's text, in reading order. */
function allText(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => allText(n, out));
  else if (typeof node === 'object' && node !== null) {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock') out.push(String(o.text));
    Object.values(o).forEach((v) => allText(v, out));
  }
  return out;
}

/**
 * The right to be informed, in layers: the welcome card and `help` say who is responsible, how
 * to reach the DPO, that audits, supervision and caseloads are named records, and how the PSW
 * reads comments; `privacy` gives everything, filled from configuration. And what stays in the
 * chat: the review and thank-you cards hold none of the person's answers.
 */
const notice = privacyNotice({
  controller: 'Anytown Council',
  contact: 'dpo@anytown.gov.uk',
  noticeUrl: 'https://www.anytown.gov.uk/privacy/phc',
  retention: retentionSchedule('audit-records=7y'),
  threshold: 5,
  textThreshold: 10,
});
const cycle = { id: '2026-27', title: 'Health Check 2026-27', closesOn: '2027-03-26', threshold: 5, textThreshold: 10 };

describe('privacy information on the cards', () => {
  it('welcomes with who is responsible, the DPO, named records beside the survey, and honest words on comments', () => {
    const all = allText(welcomeCard({ threshold: 5, textThreshold: 10, privacy: notice })).join('\n');
    expect(all).toMatch(/Anytown Council is responsible for the data this app keeps/);
    expect(all).toMatch(/dpo@anytown\.gov\.uk/);
    expect(all).toMatch(/Audits, supervision records, caseload figures and the action plan are named records/);
    expect(all).toMatch(/reads written comments word for word/);
    expect(all).not.toMatch(/Nobody can see which answers are yours\.$/m);
    expect(all).toMatch(/\*\*privacy\*\*/);
  });

  it('says the same in help, and everything under "privacy", from the configuration', () => {
    expect(allText(helpCard([], notice)).join('\n')).toMatch(/Anytown Council is responsible/);
    const all = allText(privacyCard(notice)).join('\n');
    for (const title of ['Who is responsible', 'What is kept, and why', 'The lawful basis', 'Who sees what', 'How long it is kept', 'Your rights']) expect(all).toContain(title);
    expect(all).toMatch(/Audits: 7 years after the council year/);
    expect(all).toMatch(/ico\.org\.uk/);
    expect(all).toMatch(/https:\/\/www\.anytown\.gov\.uk\/privacy\/phc/);
  });

  it("keeps the person's answers out of the review and thank-you cards, which stay in the chat", () => {
    const answers = { ...answersFor(), contract: '', 'other-comments': 'I have been struggling since the restructure' } as Record<string, string>;
    delete answers.contract;
    const review = JSON.stringify(reviewCard({ questionnaire: healthCheck, cycle, answers }));
    const thanks = JSON.stringify(thanksCard({ cycle }));
    for (const card of [review, thanks]) {
      expect(card).not.toContain('struggling since the restructure');
      // No question's text beside what the person did with it (skipped, or an answer).
      expect(card).not.toMatch(/Skipped: /);
      expect(card).not.toContain('What kind of contract are you on?');
    }
  });
});
