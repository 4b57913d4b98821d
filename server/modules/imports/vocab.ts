/** The words a residents file may use for relations, tags, political status, ethnic groups and phones. */
import { RELATIONS } from '../../../common/contracts/people.js';
import { RELATION_WORDS } from '../../../common/contracts/imports.js';
import { KEY_POPULATIONS } from '../../../common/key-populations.js';

/** Lower-cases and drops spaces, so that "Elderly_Alone " and "elderly_alone" compare equal. */
const key = (s: string) => s.toLowerCase().replace(/\s+/g, '');

const relationByWord = new Map<string, string>();
for (const r of RELATIONS) {
  for (const w of [r.code, r.zh, r.en, ...r.zh.split('/'), ...(RELATION_WORDS[r.code] ?? [])]) relationByWord.set(key(w), r.code);
}

/** The relation code for a word, or null. */
export function relationCode(word: string): string | null {
  return relationByWord.get(key(word)) ?? null;
}

const tagByWord = new Map<string, string>();
for (const t of KEY_POPULATIONS) {
  for (const w of [t.code, t.zh, t.en, ...t.zh.split('/')]) tagByWord.set(key(w), t.code);
}

/** Splits a tags cell into known codes and unknown words. Separators: 、 , ; | and their full-width forms. */
export function parseTags(cell: string): { codes: string[]; unknown: string[] } {
  const codes = new Set<string>();
  const unknown: string[] = [];
  for (const raw of cell.split(/[、,，;；|｜]/)) {
    const w = raw.trim();
    if (!w) continue;
    const code = tagByWord.get(key(w));
    if (code) codes.add(code);
    else unknown.push(w);
  }
  return { codes: [...codes], unknown };
}

const PARTY_YES = ['中共党员', '中国共产党党员', '共产党员', '党员', '中共预备党员', '预备党员', '是', 'yes', 'y', 'true', '1'];
const PARTY_NO = [
  '群众', '共青团员', '团员', '中国共产主义青年团团员', '无党派人士', '无党派', '民主党派', '民革党员', '民盟盟员', '民建会员',
  '民进会员', '农工党党员', '致公党党员', '九三学社社员', '台盟盟员', '否', '无', 'no', 'n', 'false', '0',
];
const partyByWord = new Map<string, boolean>([...PARTY_YES.map((w) => [key(w), true] as const), ...PARTY_NO.map((w) => [key(w), false] as const)]);

/** True or false for a political-status or yes/no cell (blank is false), or null for an unknown word. */
export function partyMember(cell: string): boolean | null {
  if (cell === '') return false;
  return partyByWord.get(key(cell)) ?? null;
}

/** The 56 ethnic groups of GB/T 3304, plus the entries that standard adds. */
const ETHNIC_GROUPS = (
  '汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 柯尔克孜 土 ' +
  '达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺'
).split(' ');
const ETHNIC_OTHER = ['穿青人', '其他', '外国血统中国籍人士'];

/** The stored form of an ethnic group ("汉" → "汉族"; blank → "汉族"), or null when unknown. */
export function ethnicity(cell: string): string | null {
  if (cell === '') return '汉族';
  if (ETHNIC_OTHER.includes(cell)) return cell;
  const bare = cell.endsWith('族') ? cell.slice(0, -1) : cell;
  return ETHNIC_GROUPS.includes(bare) ? bare + '族' : null;
}

/** A mainland mobile (11 digits, optional +86) or a landline with area code; the stored form, or null. */
export function normalisePhone(cell: string): string | null {
  const compact = cell.replace(/[\s()（）]/g, '');
  const mobile = /^(?:\+?86-?)?(1[3-9]\d{9})$/.exec(compact.replace(/-/g, ''));
  if (mobile) return mobile[1]!;
  const landline = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(compact);
  if (!landline) return null;
  // Area codes 010 and 02x have three digits, all others four.
  const digits = landline[1]! + landline[2]!;
  const area = digits.slice(0, /^0[12]/.test(digits) ? 3 : 4);
  const local = digits.slice(area.length);
  if (local.length < 7 || local.length > 8) return null;
  return `${area}-${local}${landline[3] ? '-' + landline[3] : ''}`;
}
