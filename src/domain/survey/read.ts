import { QUESTIONNAIRE_KINDS, type Breakdowns, type QuestionnaireKind, type Condition, type Option, type Question, type Questionnaire, type Section } from './types';

/**
 * A questionnaire read back from where it was stored (SQLite, a SharePoint item someone may
 * have edited), its shape checked field by field: undefined when it is not one. What it
 * means (ids, rules, the bank) is `checkQuestionnaire`'s to say.
 */
export function readQuestionnaire(value: unknown): Questionnaire | undefined {
  if (!isObject(value)) return undefined;
  const { id, version, title, kind, minutes, sections, breakdowns } = value;
  if (typeof id !== 'string' || !isWhole(version) || typeof title !== 'string' || !isWhole(minutes) || !Array.isArray(sections)) return undefined;
  const knownKind = QUESTIONNAIRE_KINDS.find((k): k is QuestionnaireKind => k === kind);
  if (kind !== undefined && knownKind === undefined) return undefined;
  const read = sections.map(readSection);
  if (read.some((s) => s === undefined)) return undefined;
  let b: Breakdowns | undefined;
  if (breakdowns !== undefined) {
    if (!isObject(breakdowns) || typeof breakdowns.role !== 'string' || typeof breakdowns.team !== 'string' || typeof breakdowns.lengthOfService !== 'string') return undefined;
    b = { role: breakdowns.role, team: breakdowns.team, lengthOfService: breakdowns.lengthOfService };
  }
  return {
    id,
    version,
    title,
    ...(knownKind !== undefined ? { kind: knownKind } : {}),
    minutes,
    sections: read as Section[],
    ...(b ? { breakdowns: b } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isWhole = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const optionalText = (v: unknown): v is string | undefined => v === undefined || typeof v === 'string';

function readSection(value: unknown): Section | undefined {
  if (!isObject(value) || typeof value.id !== 'string' || typeof value.title !== 'string' || !optionalText(value.intro) || !Array.isArray(value.questions)) return undefined;
  const questions = value.questions.map(readQuestion);
  if (questions.some((q) => q === undefined)) return undefined;
  return { id: value.id, title: value.title, ...(value.intro !== undefined ? { intro: value.intro } : {}), questions: questions as Question[] };
}

function readOptions(value: unknown): Option[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const options = value.map((o) =>
    isObject(o) && typeof o.id === 'string' && typeof o.label === 'string' && optionalText(o.group) ? { id: o.id, label: o.label, ...(o.group !== undefined ? { group: o.group } : {}) } : undefined,
  );
  return options.every((o) => o !== undefined) ? (options as Option[]) : undefined;
}

function readCondition(value: unknown, depth = 0): Condition | undefined {
  if (!isObject(value) || depth > 10) return undefined;
  if (Array.isArray(value.all)) {
    const all = value.all.map((c) => readCondition(c, depth + 1));
    return all.every((c) => c !== undefined) ? { all: all as Condition[] } : undefined;
  }
  if (Array.isArray(value.any)) {
    const any = value.any.map((c) => readCondition(c, depth + 1));
    return any.every((c) => c !== undefined) ? { any: any as Condition[] } : undefined;
  }
  if (value.not !== undefined) {
    const not = readCondition(value.not, depth + 1);
    return not ? { not } : undefined;
  }
  if (typeof value.question === 'string' && Array.isArray(value.anyOf) && value.anyOf.every((o) => typeof o === 'string')) return { question: value.question, anyOf: value.anyOf as string[] };
  return undefined;
}

function readQuestion(value: unknown): Question | undefined {
  if (!isObject(value)) return undefined;
  const { id, text, resultText, hint, group, required, showIf, headline } = value;
  if (typeof id !== 'string' || typeof text !== 'string' || typeof required !== 'boolean' || !optionalText(resultText) || !optionalText(hint) || !optionalText(group)) return undefined;
  const rule = showIf === undefined ? undefined : readCondition(showIf);
  if (showIf !== undefined && !rule) return undefined;
  let head: Question['headline'];
  if (headline !== undefined) {
    if (!isObject(headline) || typeof headline.label !== 'string' || !Array.isArray(headline.options) || !headline.options.every((o) => typeof o === 'string')) return undefined;
    head = { label: headline.label, options: headline.options as string[] };
  }
  const base = {
    id,
    text,
    required,
    ...(resultText !== undefined ? { resultText } : {}),
    ...(hint !== undefined ? { hint } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(rule ? { showIf: rule } : {}),
    ...(head ? { headline: head } : {}),
  };
  switch (value.kind) {
    case 'single':
    case 'multi': {
      const options = readOptions(value.options);
      if (!options) return undefined;
      if (value.kind === 'single') return { ...base, kind: 'single', options };
      const { maxChoices, minChoices } = value;
      if ((maxChoices !== undefined && !isWhole(maxChoices)) || (minChoices !== undefined && !isWhole(minChoices))) return undefined;
      return { ...base, kind: 'multi', options, ...(maxChoices !== undefined ? { maxChoices } : {}), ...(minChoices !== undefined ? { minChoices } : {}) };
    }
    case 'scale': {
      const { min, max, minLabel, maxLabel } = value;
      if (!isWhole(min) || !isWhole(max) || typeof minLabel !== 'string' || typeof maxLabel !== 'string') return undefined;
      return { ...base, kind: 'scale', min, max, minLabel, maxLabel };
    }
    case 'text':
      return isWhole(value.maxLength) ? { ...base, kind: 'text', maxLength: value.maxLength } : undefined;
    default:
      return undefined;
  }
}
