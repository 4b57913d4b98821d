/** Residents import: template links, column help, optional area, upload, and the result or the error report. */
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Flex, Result, Steps, Table, Tag, Typography } from 'antd';
import { CloudUploadOutlined, DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import { IMPORT_COLUMNS, type ImportColumn } from '../../../common/contracts/imports.js';
import { ApiError, post, withLang } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { FilePicker } from '../../ui/FilePicker.js';
import { NodePicker } from '../org/NodePicker.js';
import { ProblemTable } from './ProblemTable.js';
import type { ImportRejection, ImportSuccess } from './types.js';
import { m } from './messages.js';

const AREA_TYPES = ['city', 'district', 'street', 'community', 'grid'];

/** The residents import panel; `onImported` refreshes the recent-imports list. */
export function ResidentsImportPanel({ onImported }: { onImported(): void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [nodeId, setNodeId] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [success, setSuccess] = useState<ImportSuccess>();
  const [rejection, setRejection] = useState<{ message: string; body: ImportRejection }>();
  const [error, setError] = useState<string>();

  const start = async () => {
    if (!file) return;
    setBusy(true);
    setSuccess(undefined);
    setRejection(undefined);
    setError(undefined);
    const form = new FormData();
    if (nodeId) form.append('nodeId', String(nodeId));
    form.append('file', file);
    try {
      setSuccess(await post<ImportSuccess>('/imports', form));
      setFile(null);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_REJECTED' && e.details && typeof e.details === 'object') {
        setRejection({ message: e.message, body: e.details as ImportRejection });
      } else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(false);
      onImported();
    }
  };

  const template = (format: 'csv' | 'xlsx') => withLang(`/api/imports/template?format=${format}`, lang);
  const report = (jobId: number, format: 'csv' | 'xlsx') => withLang(`/api/imports/${jobId}/report?format=${format}`, lang);

  return (
    <Flex vertical gap={16}>
      <Card>
        <Steps
          orientation="vertical"
          current={-1}
          items={[
            {
              status: 'process',
              title: t(m.step1),
              content: (
                <Flex vertical gap={8} style={{ paddingBottom: 8 }}>
                  <Typography.Text type="secondary">{t(m.step1Help)}</Typography.Text>
                  <Flex gap={8} wrap>
                    <a href={template('xlsx')} download data-testid="import-template-xlsx">
                      <Button icon={<FileExcelOutlined />}>{t(m.templateXlsx)}</Button>
                    </a>
                    <a href={template('csv')} download data-testid="import-template-csv">
                      <Button icon={<FileTextOutlined />}>{t(m.templateCsv)}</Button>
                    </a>
                  </Flex>
                  <Collapse
                    size="small"
                    items={[{ key: 'cols', label: t(m.columns), children: <ColumnHelp /> }]}
                  />
                </Flex>
              ),
            },
            {
              status: 'process',
              title: t(m.step2),
              content: (
                <Flex vertical gap={4} style={{ paddingBottom: 8, maxWidth: 420 }}>
                  <Typography.Text type="secondary">{t(m.step2Help)}</Typography.Text>
                  <NodePicker value={nodeId} onChange={setNodeId} types={AREA_TYPES} placeholder={t(m.allScope)} testId="import-node" />
                </Flex>
              ),
            },
            {
              status: 'process',
              title: t(m.step3),
              content: (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">{t(m.step3Help, { mb: 20 })}</Typography.Text>
                  <FilePicker
                    accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    file={file}
                    onChange={setFile}
                    label={t(m.chooseFile)}
                    emptyLabel={t(m.noFile)}
                    testId="import-file-input"
                    disabled={busy}
                  />
                  <div>
                    <Button type="primary" icon={<CloudUploadOutlined />} disabled={!file} loading={busy} onClick={start} data-testid="import-start">
                      {busy ? t(m.importing) : t(m.start)}
                    </Button>
                  </div>
                </Flex>
              ),
            },
          ]}
        />
      </Card>

      {error && <Alert type="error" showIcon title={error} data-testid="import-error" />}
      {success && (
        <Card data-testid="import-success">
          <Result status="success" title={t(m.success)} subTitle={t(m.successDetail, { ...success })} style={{ padding: 16 }} />
        </Card>
      )}
      {rejection && (
        <Card data-testid="import-rejected">
          <Alert
            type="error"
            showIcon
            title={rejection.message}
            description={t(m.rejectedHelp, { shown: rejection.body.errors.length, count: rejection.body.errorCount })}
            style={{ marginBottom: 12 }}
          />
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <a href={report(rejection.body.jobId, 'xlsx')} download data-testid="import-report-xlsx">
              <Button icon={<DownloadOutlined />}>{t(m.reportXlsx)}</Button>
            </a>
            <a href={report(rejection.body.jobId, 'csv')} download data-testid="import-report-csv">
              <Button icon={<DownloadOutlined />}>{t(m.reportCsv)}</Button>
            </a>
          </Flex>
          <ProblemTable errors={rejection.body.errors} />
        </Card>
      )}
    </Flex>
  );
}

/** The template's columns with what to write in each. */
function ColumnHelp() {
  const { t, lang } = useI18n();
  return (
    <Table<ImportColumn>
      size="small"
      rowKey="field"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={IMPORT_COLUMNS}
      columns={[
        { title: t(m.column), key: 'h', render: (_v, c) => <b>{c.header[lang]}</b> },
        { title: t(m.required), key: 'r', render: (_v, c) => (c.required ? <Tag color="red">{t(m.required)}</Tag> : null) },
        { title: t(m.help), key: 'help', render: (_v, c) => c.help[lang] },
        { title: t(m.example), dataIndex: 'example', render: (v: string) => <code>{v}</code> },
      ]}
    />
  );
}
