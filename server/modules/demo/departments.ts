/** The district's functional departments (the second tree): [code suffix, zh, en, kind]. `{d}` is the
 * district's short name (明湖), `{D}` its English name (Minghu). */
export const DEPARTMENTS: readonly [string, string, string, 'government' | 'enterprise'][] = [
  ['CG', '{d}区城市管理局', '{D} District Urban Management Bureau', 'government'],
  ['ZJ', '{d}区住房和城乡建设局', '{D} District Housing and Urban-Rural Development Bureau', 'government'],
  ['MZ', '{d}区民政局', '{D} District Civil Affairs Bureau', 'government'],
  ['GA', '本溪市公安局{d}分局', 'Benxi Public Security Bureau, {D} Sub-bureau', 'government'],
  ['SJ', '{d}区市场监督管理局', '{D} District Market Supervision Administration', 'government'],
  ['HB', '本溪市生态环境局{d}分局', 'Benxi Ecology and Environment Bureau, {D} Sub-bureau', 'government'],
  ['YJ', '{d}区应急管理局', '{D} District Emergency Management Bureau', 'government'],
  ['SW', '{d}区水务局', '{D} District Water Affairs Bureau', 'government'],
  ['WJ', '{d}区卫生健康局', '{D} District Health Commission', 'government'],
  ['SF', '{d}区司法局', '{D} District Justice Bureau', 'government'],
  ['RS', '{d}区人力资源和社会保障局', '{D} District Human Resources and Social Security Bureau', 'government'],
  ['RQ', '本溪燃气集团{d}分公司', 'Benxi Gas Group, {D} Branch', 'enterprise'],
  ['GD', '国网本溪供电公司{d}供电分公司', 'State Grid Benxi Power Supply, {D} Branch', 'enterprise'],
];
