/** Authorization-matrix rows of the categories module (see matrix.ts). */
import type { MatrixArea } from './matrix.js';

export const categoriesArea: MatrixArea = {
  async setup({ t, ids }) {
    const row = await t.database.db.selectFrom('case_category').select('id').where('code', '=', 'other.praise').executeTakeFirstOrThrow();
    ids.categoryPraise = row.id;
  },
  cases: ({ ids, uniq }) => [
    { method: 'GET', route: '/api/categories', perm: 'public', req: () => ({ url: '/api/categories' }) },
    { method: 'GET', route: '/api/categories/search', perm: 'public', req: () => ({ url: '/api/categories/search?q=' + encodeURIComponent('垃圾') }) },
    { method: 'GET', route: '/api/categories/:id', perm: 'public', req: () => ({ url: `/api/categories/${ids.categoryPraise}` }) },
    { method: 'POST', route: '/api/categories', perm: 'case.configure', req: () => ({ url: '/api/categories', body: { parentId: null, code: `matrix_${uniq()}`, nameZh: '矩阵测试', nameEn: 'Matrix test' } }) },
    { method: 'PATCH', route: '/api/categories/:id', perm: 'case.configure', req: () => ({ url: `/api/categories/${ids.categoryPraise}`, body: { sort: 30 } }) },
  ],
};
