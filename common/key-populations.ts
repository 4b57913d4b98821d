/**
 * The key-population (重点人群) tag catalogue: who a grid keeps an eye on, and why. Pure data.
 *
 * Sources: DOMAIN-RULES §8 (民政部 2022 visit guidance: living alone, empty-nest, left-behind, disabled in
 * daily living, severely disabled, families who lost their only child; low income by setting) and the
 * population types of a production grid system (research/grid-governance.md §2.3: 流动人口, 优抚对象,
 * 失业人员, 社区矫正, 刑释人员, 吸毒人员, 严重精神障碍患者).
 *
 * `sensitive` marks the categories that PIPL art. 28 treats as sensitive personal information (health,
 * finances, minors, criminal records) or that stigmatise: such a tag is shown on a person, or used as a
 * list filter, only to a caller who holds personal.reveal on the person's grid, and a list filtered by it
 * is audited. Counts of sensitive tags are likewise shown only where the caller may reveal.
 *
 * Deliberately absent: petitioners (信访人员). Tagging people for complaining to the authorities is used to
 * deter complaints; this platform does not keep such a register.
 */

export type KeyPopulationGroup = 'care' | 'service' | 'management';

export interface KeyPopulationTag {
  code: string;
  zh: string;
  en: string;
  group: KeyPopulationGroup;
  sensitive: boolean;
}

export const KEY_POPULATIONS = [
  { code: 'elderly_alone', zh: '独居老人', en: 'Elderly living alone', group: 'care', sensitive: false },
  { code: 'empty_nest', zh: '空巢老人', en: 'Empty-nest elderly', group: 'care', sensitive: false },
  { code: 'incapacitated', zh: '失能半失能老人', en: 'Elderly unable to care for themselves', group: 'care', sensitive: true },
  { code: 'left_behind_child', zh: '留守儿童', en: 'Left-behind child', group: 'care', sensitive: true },
  { code: 'disabled', zh: '残疾人', en: 'Person with a disability', group: 'care', sensitive: true },
  { code: 'severely_disabled', zh: '重度残疾人', en: 'Person with a severe disability', group: 'care', sensitive: true },
  { code: 'low_income', zh: '低保/低收入', en: 'Minimum-income / low-income', group: 'care', sensitive: true },
  { code: 'lost_only_child', zh: '失独家庭', en: 'Family that lost its only child', group: 'care', sensitive: true },
  { code: 'special_care', zh: '优抚对象', en: 'Entitled group (special care)', group: 'service', sensitive: false },
  { code: 'veteran', zh: '退役军人', en: 'Veteran', group: 'service', sensitive: false },
  { code: 'unemployed', zh: '失业人员', en: 'Unemployed', group: 'service', sensitive: false },
  { code: 'floating_population', zh: '流动人口', en: 'Migrant resident', group: 'service', sensitive: false },
  { code: 'community_correction', zh: '社区矫正对象', en: 'Under community correction', group: 'management', sensitive: true },
  { code: 'released_prisoner', zh: '刑满释放人员', en: 'Released from prison', group: 'management', sensitive: true },
  { code: 'drug_rehab', zh: '社区戒毒康复人员', en: 'In community drug rehabilitation', group: 'management', sensitive: true },
  { code: 'severe_mental_disorder', zh: '严重精神障碍患者', en: 'Person with a severe mental disorder', group: 'management', sensitive: true },
] as const satisfies readonly KeyPopulationTag[];

export type KeyPopulationCode = (typeof KEY_POPULATIONS)[number]['code'];

export const KEY_POPULATION_CODES = KEY_POPULATIONS.map((t) => t.code) as [KeyPopulationCode, ...KeyPopulationCode[]];

const byCode = new Map<string, KeyPopulationTag>(KEY_POPULATIONS.map((t) => [t.code, t]));

/** The catalogue entry of a tag code, or undefined for an unknown code. */
export function keyPopulation(code: string): KeyPopulationTag | undefined {
  return byCode.get(code);
}

/** True when the tag is sensitive; unknown codes (e.g. from an old import) count as sensitive. */
export function isSensitiveTag(code: string): boolean {
  return byCode.get(code)?.sensitive ?? true;
}

/** The label of a tag in a locale; the code itself for an unknown tag. */
export function keyPopulationLabel(code: string, locale: 'zh-CN' | 'en'): string {
  const t = byCode.get(code);
  return t ? (locale === 'en' ? t.en : t.zh) : code;
}
