/** Authorization-matrix rows of the calendar module (see matrix.ts). The calendar is one for the whole installation: no target node. */
import type { MatrixArea } from './matrix.js';

/** A Monday made a holiday in setup, so that the one caller allowed to clear it finds it there. */
const CLEARABLE = '2033-03-07';

export const calendarArea: MatrixArea = {
  async setup({ t }) {
    await t.database.db.insertInto('calendar_day').values({ day: CLEARABLE, kind: 'holiday', name_zh: '测试', updated_by: null }).execute();
  },
  cases: () => [
    { method: 'GET', route: '/api/calendar', perm: 'signed-in', req: () => ({ url: '/api/calendar?year=2026' }) },
    {
      method: 'PUT', route: '/api/calendar/days/:day', perm: 'case.configure',
      req: () => ({ url: '/api/calendar/days/2033-03-08', body: { kind: 'holiday', nameZh: '测试假日' } }),
    },
    { method: 'DELETE', route: '/api/calendar/days/:day', perm: 'case.configure', req: () => ({ url: `/api/calendar/days/${CLEARABLE}` }) },
    {
      method: 'PUT', route: '/api/calendar/years/:year', perm: 'case.configure',
      req: () => ({ url: '/api/calendar/years/2034', body: { days: [{ day: '2034-01-02', kind: 'holiday', nameZh: '元旦' }] } }),
    },
  ],
};
