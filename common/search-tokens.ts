/**
 * Chinese full-text search without a segmenter: the document side stores CJK unigrams + bigrams and
 * lower-cased Latin/number words; the query side ANDs the bigrams of each CJK run (a unigram for a
 * one-character run). The database indexes `to_tsvector('simple', tokens)`; an ILIKE recheck keeps
 * results exact. Same SQL on PostgreSQL and PGlite. See docs/decisions/0002-chinese-search.md.
 */
// A run of CJK characters, or a run of other letters/digits (never mixed: "3号楼" is "3" + "号楼").
const RUN = /[\u3400-\u9fff\uf900-\ufaff]+|(?:(?![\u3400-\u9fff\uf900-\ufaff])[\p{L}\p{N}])+/gu;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Tokens to store for a document made of several text fields. */
export function documentTokens(...texts: (string | null | undefined)[]): string {
  const out = new Set<string>();
  for (const text of texts) {
    if (!text) continue;
    for (const [w] of text.toLowerCase().matchAll(RUN)) {
      if (!CJK.test(w[0]!)) {
        out.add(w);
        continue;
      }
      const chars = [...w];
      chars.forEach((c, i) => {
        out.add(c);
        if (i + 1 < chars.length) out.add(c + chars[i + 1]);
      });
    }
  }
  return [...out].join(' ');
}

/** Tokens a query must all match; empty when the query has no searchable characters. */
export function queryTokens(query: string): string[] {
  const out = new Set<string>();
  for (const [w] of query.toLowerCase().matchAll(RUN)) {
    if (!CJK.test(w[0]!)) {
      out.add(w);
      continue;
    }
    const chars = [...w];
    if (chars.length === 1) out.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]);
  }
  return [...out];
}

/** A tsquery string ANDing the tokens; tokens are quoted so no character can change the query's meaning. */
export function toTsQuery(tokens: string[]): string {
  return tokens.map((t) => `'${t.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`).join(' & ');
}
