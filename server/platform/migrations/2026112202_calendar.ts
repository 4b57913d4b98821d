/**
 * The working-day calendar (工作日历): overrides of the default week (Monday–Friday working, weekends off).
 * A holiday can only fall on a weekday and a make-up working day (调休上班) only on a weekend: anything else
 * would change nothing, and the CHECK refuses it.
 *
 * Seeded with mainland China's 2026 arrangement, 国务院办公厅关于2026年部分节假日安排的通知 (published by
 * Xinhua on 2025-11-04; source in server/modules/calendar/README.md): only the days whose status changes.
 */
import type { Migration } from 'kysely/migration';
import { runStatements } from './run.js';

type Seed = [day: string, kind: 'holiday' | 'workday', nameZh: string, nameEn: string];

const NEW_YEAR = ['元旦', 'New Year’s Day'] as const;
const SPRING = ['春节', 'Spring Festival'] as const;
const QINGMING = ['清明节', 'Qingming Festival'] as const;
const LABOUR = ['劳动节', 'Labour Day'] as const;
const DRAGON_BOAT = ['端午节', 'Dragon Boat Festival'] as const;
const MID_AUTUMN = ['中秋节', 'Mid-Autumn Festival'] as const;
const NATIONAL = ['国庆节', 'National Day'] as const;

const holiday = (day: string, [zh, en]: readonly [string, string]): Seed => [day, 'holiday', zh, en];
const makeUp = (day: string, [zh, en]: readonly [string, string]): Seed => [day, 'workday', `${zh}调休上班`, `Make-up working day (${en})`];

const SEED_2026: Seed[] = [
  // 元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
  holiday('2026-01-01', NEW_YEAR), holiday('2026-01-02', NEW_YEAR), makeUp('2026-01-04', NEW_YEAR),
  // 春节：2月15日（周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  makeUp('2026-02-14', SPRING),
  ...['16', '17', '18', '19', '20', '23'].map((d) => holiday(`2026-02-${d}`, SPRING)),
  makeUp('2026-02-28', SPRING),
  // 清明节：4月4日（周六）至6日（周一）放假，共3天。
  holiday('2026-04-06', QINGMING),
  // 劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
  holiday('2026-05-01', LABOUR), holiday('2026-05-04', LABOUR), holiday('2026-05-05', LABOUR), makeUp('2026-05-09', LABOUR),
  // 端午节：6月19日（周五）至21日（周日）放假，共3天。
  holiday('2026-06-19', DRAGON_BOAT),
  // 中秋节：9月25日（周五）至27日（周日）放假，共3天。
  holiday('2026-09-25', MID_AUTUMN),
  // 国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
  makeUp('2026-09-20', NATIONAL),
  ...['01', '02', '05', '06', '07'].map((d) => holiday(`2026-10-${d}`, NATIONAL)),
  makeUp('2026-10-10', NATIONAL),
];

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;

const up: string[] = [
  `create table calendar_day (
    day date primary key,
    kind text not null check (kind in ('holiday', 'workday')),
    name_zh text not null default '' check (char_length(name_zh) <= 40),
    name_en text not null default '' check (char_length(name_en) <= 80),
    updated_by bigint references app_user(id) on delete set null,
    updated_at timestamptz not null default now(),
    constraint calendar_day_changes_status check ((kind = 'holiday') = (extract(isodow from day) < 6))
  )`,
  `insert into calendar_day (day, kind, name_zh, name_en) values ${SEED_2026.map(([d, k, zh, en]) => `(${quote(d)}, ${quote(k)}, ${quote(zh)}, ${quote(en)})`).join(', ')}`,
];

export const calendar: Migration = {
  up: (db) => runStatements(db, up),
};
