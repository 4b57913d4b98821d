/**
 * How residents are found by part of a name or address (docs/decisions/0002-chinese-search.md): the
 * tokens stored in resident.search_tokens, and the tsquery + ILIKE recheck a search string turns into.
 * Pure functions; the SQL is in residents.repository.ts.
 */
import { documentTokens, queryTokens } from '../../../common/search-tokens.js';
import { escapeLike } from '../../platform/db/like.js';

const CJK_CLASS = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_CHAR = new RegExp(`[${CJK_CLASS}]`, 'u');
const SCRIPT_BOUNDARY = new RegExp(`(?<=[${CJK_CLASS}])(?=[^${CJK_CLASS}])|(?<=[^${CJK_CLASS}])(?=[${CJK_CLASS}])`, 'gu');
const PURE_CJK_1_2 = new RegExp(`^[${CJK_CLASS}]{1,2}$`, 'u');

/**
 * Puts a space wherever Chinese meets Latin letters or digits. Without it the shared tokenizer reads
 * "1号1单元301室" as one Latin-looking word, so "单元" or "301" would never match an address.
 */
export function splitScripts(text: string): string {
  return text.replace(SCRIPT_BOUNDARY, ' ');
}

/** The search_tokens of a resident: CJK unigrams + bigrams and words of the name and household address. */
export function residentSearchTokens(name: string, address: string | null | undefined): string {
  return documentTokens(name, address); // the shared tokenizer already splits Chinese from digits and letters
}

export interface ResidentSearch {
  /** A to_tsquery('simple', …) string: CJK tokens exact, a term-final Latin/number word as a prefix. */
  tsquery: string;
  /** ILIKE patterns, one per whitespace-separated term; each must match the name or the address. */
  patterns: string[];
  /**
   * False when the token match alone is already exact: a single term that is one or two Chinese
   * characters (its unigram/bigram is stored exactly when the text contains it) or one Latin/number word
   * (a stored word starting with it contains it). Saves the recheck on the largest result sets.
   */
  needsRecheck: boolean;
}

const quote = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

export { escapeLike } from '../../platform/db/like.js';

/**
 * The search a query string stands for, or null when it has no searchable character. A Latin or number
 * word is matched as a prefix only where the user may still be typing it (at the end of a term: "50"
 * finds room 502); inside a term it is complete ("2单元502": unit 2 exactly), which keeps the index
 * work small.
 */
export function residentSearch(query: string): ResidentSearch | null {
  const terms = query.trim().split(/\s+/u).filter(Boolean);
  const parts = new Map<string, boolean>();
  for (const term of terms) {
    const split = splitScripts(term).toLowerCase();
    const runs = split.match(/[\p{L}\p{N}]+/gu) ?? [];
    const last = runs.at(-1);
    const open = last !== undefined && !CJK_CHAR.test(last) && split.endsWith(last) ? last : null;
    for (const t of queryTokens(split)) parts.set(t, parts.get(t) === true || (t === open && !CJK_CHAR.test(t)));
  }
  if (parts.size === 0) return null;
  const tsquery = [...parts].map(([t, prefix]) => (prefix ? `${quote(t)}:*` : quote(t))).join(' & ');
  const single = terms.length === 1 && parts.size === 1 ? terms[0]! : null;
  const exact = single !== null && (PURE_CJK_1_2.test(single) || /^[a-z0-9]+$/i.test(single));
  return { tsquery, patterns: terms.map((t) => `%${escapeLike(t)}%`), needsRecheck: !exact };
}
