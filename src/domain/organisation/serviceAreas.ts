/**
 * Service areas in words. The directory and the survey's team question carry a service area
 * as an id (`all-age-disability`); people read its name. The council's own areas are named
 * here, once; an area the council adds later (from its directory) reads as its id in words
 * ("adult-social-care" → "Adult social care") until it is named here.
 */
export const SERVICE_AREA_NAMES: Readonly<Record<string, string>> = {
  'hospital-and-intake': 'Hospital and intake',
  'occupational-therapy': 'Occupational therapy',
  'older-people': 'Older people',
  'all-age-disability': 'All age disability',
  'short-term': 'Short term services',
  other: 'Other teams',
};

/** `words-like-these` → "Words like these". */
export function humaniseId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function serviceAreaName(id: string): string {
  if (id === '') return 'No service area';
  return SERVICE_AREA_NAMES[id] ?? humaniseId(id);
}
