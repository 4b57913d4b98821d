/** Case categories (事件分类) and their deadline limits. See README.md. */
import type { Module } from '../index.js';
import { categoriesRoutes } from './categories.routes.js';

export { findCategory, categoryChain, limitsFor, suggestedDepartment } from './categories.service.js';
export { categoryTree } from './categories.cache.js';
export type { CaseCategory, CategoryRecord, CategoryTree } from './categories.tree.js';
export type { HandlerKind, Stage, Limit, LimitsOverride } from '../../../common/deadline-limits.js';

export const categoriesModule: Module = { name: 'categories', routes: categoriesRoutes };
