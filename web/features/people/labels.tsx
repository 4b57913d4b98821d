/** Display helpers of the people pages: relation, household kind, building kind, key-population tags. */
import { Flex, Tag, Tooltip } from 'antd';
import { keyPopulation, keyPopulationLabel } from '../../../common/key-populations.js';
import { RELATIONS } from '../../../common/contracts/people.js';
import { useI18n, type Lang, type Msg } from '../../lib/i18n.js';
import { m } from './messages.js';

/** The relation-to-head label in a language (the code itself when unknown). */
export function relationLabel(code: string, lang: Lang): string {
  const r = RELATIONS.find((x) => x.code === code);
  return r ? (lang === 'en' ? r.en : r.zh) : code;
}

const HOUSEHOLD_KINDS: Record<string, Msg> = { family: m.family, collective: m.collective };
const BUILDING_KINDS: Record<string, Msg> = { residential: m.kindResidential, commercial: m.kindCommercial, mixed: m.kindMixed, public: m.kindPublic };
const HOUSE_USES: Record<string, Msg> = { residential: m.kindResidential, commercial: m.kindCommercial, parking: m.useParking, other: m.useOther };

/** Label of a household kind. */
export const householdKind = (k: string): Msg => HOUSEHOLD_KINDS[k] ?? { zh: k, en: k };
/** Label of a building kind. */
export const buildingKind = (k: string): Msg => BUILDING_KINDS[k] ?? { zh: k, en: k };
/** Label of a house use. */
export const houseUse = (k: string): Msg => HOUSE_USES[k] ?? { zh: k, en: k };

const GROUP_COLOURS: Record<string, string> = { care: 'orange', service: 'blue', management: 'purple' };

/** Key-population tags of a person. */
export function TagList({ tags, empty }: { tags: string[]; empty?: boolean }) {
  const { t, lang } = useI18n();
  if (tags.length === 0) return empty ? <span style={{ color: '#999' }}>{t(m.noTags)}</span> : null;
  return (
    <Flex wrap gap={4}>
      {tags.map((tag) => {
        const k = keyPopulation(tag);
        return (
          <Tooltip key={tag} title={k && lang === 'zh-CN' ? k.en : k?.zh}>
            <Tag color={GROUP_COLOURS[k?.group ?? ''] ?? 'default'} style={{ marginInlineEnd: 0 }}>
              {keyPopulationLabel(tag, lang)}
            </Tag>
          </Tooltip>
        );
      })}
    </Flex>
  );
}

/** "Party member" badge. */
export function PartyBadge() {
  const { t } = useI18n();
  return <Tag color="red" style={{ marginInlineEnd: 0 }}>{t(m.partyYes)}</Tag>;
}

/** Floor area from 0.01 m² integers. */
export function areaText(areaCenti: number): string {
  return `${(areaCenti / 100).toFixed(2)} m²`;
}
