/** The rows of a rejected residents file: row number, column, what was written, what is wrong (cards on a phone). */
import { Flex, Typography } from 'antd';
import type { ImportProblemView } from '../../../common/contracts/imports.js';
import { IMPORT_COLUMNS } from '../../../common/contracts/imports.js';
import { useI18n } from '../../lib/i18n.js';
import { DataList } from '../../ui/DataList.js';
import { m } from './messages.js';

/** Column header in the UI language for a stored column name (field code or header). */
function columnName(column: string, lang: 'zh-CN' | 'en'): string {
  const c = IMPORT_COLUMNS.find((x) => x.field === column || x.header['zh-CN'] === column || x.header.en === column);
  return c ? c.header[lang] : column;
}

/** The problem list. */
export function ProblemTable({ errors }: { errors: ImportProblemView[] }) {
  const { t, lang } = useI18n();
  const rows = errors.map((e, i) => ({ ...e, key: `${e.row}-${e.column}-${e.code}-${i}` }));
  return (
    <DataList<ImportProblemView & { key: string }>
      testId="import-errors"
      data={rows}
      rowKey={(e) => e.key}
      columns={[
        { title: t(m.row), dataIndex: 'row', width: 70 },
        { title: t(m.column), dataIndex: 'column', render: (v: string) => columnName(v, lang) },
        { title: t(m.value), dataIndex: 'value', render: (v: string) => <code>{v}</code> },
        { title: t(m.problem), dataIndex: 'message' },
      ]}
      renderCard={(e) => (
        <Flex vertical gap={2}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(m.rowN, { n: e.row })} · {columnName(e.column, lang)} {e.value && <code>{e.value}</code>}
          </Typography.Text>
          <Typography.Text>{e.message}</Typography.Text>
        </Flex>
      )}
    />
  );
}
