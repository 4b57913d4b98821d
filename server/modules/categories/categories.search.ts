/**
 * Category search, in memory (there are about a hundred categories): a Chinese fragment, an English word
 * or a keyword finds the leaves whose names, keywords, group names or help text contain it, best first.
 * Chinese is matched by bigrams (decision 0002), English words by prefix (with a plural "s" dropped).
 */
import { queryTokens } from '../../../common/search-tokens.js';
import type { CaseCategory, CategoryRecord, CategoryTree } from './categories.tree.js';

export const SEARCH_LIMIT = 20;

export interface SearchHit {
  category: CaseCategory;
  /** The groups above the category, root first. */
  path: CategoryRecord[];
  score: number;
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const WEIGHTS = { name: 10, keywords: 6, path: 4, description: 2 } as const;
type Field = keyof typeof WEIGHTS;

interface Doc {
  text: Record<Field, string>;
  words: Record<Field, string[]>;
  names: string[];
}

function docOf(c: CaseCategory, path: CategoryRecord[]): Doc {
  const text: Record<Field, string> = {
    name: `${c.nameZh} ${c.nameEn}`.toLowerCase(),
    keywords: c.keywords.toLowerCase(),
    path: path.map((p) => `${p.nameZh} ${p.nameEn}`).join(' ').toLowerCase(),
    description: `${c.descriptionZh} ${c.descriptionEn}`.toLowerCase(),
  };
  const words = Object.fromEntries(Object.entries(text).map(([k, v]) => [k, v.split(/[^\p{L}\p{N}]+/u).filter(Boolean)])) as Record<Field, string[]>;
  return { text, words, names: [c.nameZh.toLowerCase(), c.nameEn.toLowerCase()] };
}

/** The weight of the best field a token occurs in (0: nowhere). */
function tokenWeight(doc: Doc, token: string): number {
  const latin = !CJK.test(token);
  const stem = latin && token.length > 3 && token.endsWith('s') ? token.slice(0, -1) : token;
  let best = 0;
  for (const f of Object.keys(WEIGHTS) as Field[]) {
    const hit = latin ? doc.words[f].some((w) => w.startsWith(token) || w.startsWith(stem)) : doc.text[f].includes(token);
    if (hit) best = Math.max(best, WEIGHTS[f]);
  }
  return best;
}

/** Each tree's documents, built on the first search after a change. */
const docsByTree = new WeakMap<CategoryTree, Map<number, { path: CategoryRecord[]; doc: Doc }>>();

function docsOf(tree: CategoryTree) {
  let docs = docsByTree.get(tree);
  if (!docs) {
    docs = new Map();
    for (const c of tree.ordered) {
      const path = tree.chain(c.id).slice(0, -1);
      docs.set(c.id, { path, doc: docOf(c, path) });
    }
    docsByTree.set(tree, docs);
  }
  return docs;
}

/** Leaves matching a query, best first, at most SEARCH_LIMIT; residentsOnly keeps what a resident may pick. */
export function searchCategories(tree: CategoryTree, query: string, opts: { residentsOnly: boolean }): SearchHit[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  const whole = query.trim().toLowerCase();
  const order = new Map(tree.ordered.map((c, i) => [c.id, i]));
  const docs = docsOf(tree);
  const need = tokens.length <= 2 ? tokens.length : Math.ceil(tokens.length * 0.6);
  const strong: SearchHit[] = [];
  const weak: SearchHit[] = [];
  for (const c of tree.ordered) {
    if (!(opts.residentsOnly ? c.residentSelectable : c.selectable)) continue;
    const { path, doc } = docs.get(c.id)!;
    let matched = 0;
    let latinMissed = false;
    let sum = 0;
    for (const t of tokens) {
      const w = tokenWeight(doc, t);
      if (w > 0) matched++;
      else if (!CJK.test(t)) latinMissed = true;
      sum += w;
    }
    if (matched === 0 || latinMissed) continue;
    let score = (sum / tokens.length) * 10;
    if (doc.names.includes(whole)) score += 40;
    else if (doc.names.some((n) => n.includes(whole))) score += 20;
    const hit = { category: c, path, score: Math.round(score) };
    if (matched >= need) strong.push(hit);
    else if (tokens.length >= 3 && matched >= 2) weak.push(hit);
  }
  const ranked = (strong.length > 0 ? strong : weak).sort((a, b) => b.score - a.score || order.get(a.category.id)! - order.get(b.category.id)!);
  return ranked.slice(0, SEARCH_LIMIT);
}
