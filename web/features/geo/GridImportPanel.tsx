/** Grid boundary import: upload or paste GeoJSON, preview it, check or import, and see the problem report. */
import { useMemo, useState } from 'react';
import { Alert, Button, Card, Col, Flex, Input, Row, Table, Tag, Typography } from 'antd';
import { CheckOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { FilePicker } from '../../ui/FilePicker.js';
import { GridMap } from './GridMap.js';
import { readCollection } from './geojson-input.js';
import { gi, m } from './messages.js';
import { common } from '../../lib/messages.js';

interface ImportedGrid {
  id: number | null;
  code: string;
  nameZh: string;
  nameEn: string;
  communityId: number;
}
interface ImportResult {
  dryRun: boolean;
  created: ImportedGrid[];
  updated: ImportedGrid[];
}
interface Problem {
  feature?: number | null;
  code: string | null;
  problem: string;
  message: string;
}

/** The grid import panel. */
export function GridImportPanel() {
  const { t, pick } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [result, setResult] = useState<ImportResult>();
  const [problems, setProblems] = useState<{ message: string; items: Problem[] }>();
  const [error, setError] = useState<string>();
  const [fileText, setFileText] = useState('');

  const source = file ? fileText : text;
  const preview = useMemo(() => (source.trim() ? readCollection(source) : null), [source]);

  const choose = async (f: File | null) => {
    setFile(f);
    setResult(undefined);
    setProblems(undefined);
    setFileText(f ? await f.text() : '');
  };

  const run = async (dryRun: boolean) => {
    setBusy(dryRun ? 'check' : 'import');
    setResult(undefined);
    setProblems(undefined);
    setError(undefined);
    try {
      let body: FormData | unknown;
      if (file) {
        const form = new FormData();
        form.append('file', file);
        body = form;
      } else {
        try {
          body = JSON.parse(text);
        } catch {
          setProblems({ message: t(gi.notJson), items: [] });
          return;
        }
      }
      setResult(await post<ImportResult>(`/geo/import-grids${dryRun ? '?dryRun=true' : ''}`, body));
      if (!dryRun) {
        setFile(null);
        setFileText('');
        setText('');
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'GEOJSON_INVALID') setProblems({ message: e.message, items: e.problems as unknown as Problem[] });
      else setError(e instanceof ApiError ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };

  const gridList = (grids: ImportedGrid[]) => (
    <Flex wrap gap={4}>
      {grids.map((g) =>
        g.id ? (
          <Link key={g.code} to={`/grids/${g.id}`}>
            <Tag color="blue">{pick(g.nameZh, g.nameEn)} · {g.code}</Tag>
          </Link>
        ) : (
          <Tag key={g.code}>{pick(g.nameZh, g.nameEn)} · {g.code}</Tag>
        ),
      )}
    </Flex>
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Card title={t(gi.title)}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
            {t(gi.help)}
          </Typography.Paragraph>
          <Flex vertical gap={12}>
            <FilePicker accept=".geojson,.json,application/geo+json,application/json" file={file} onChange={(f) => void choose(f)} label={t(gi.chooseFile)} emptyLabel={t(gi.noFile)} testId="grid-import-file-input" disabled={!!busy} />
            {!file && (
              <Input.TextArea
                rows={6}
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder={t(gi.orPaste) + '  {"type":"FeatureCollection","features":[…]}'}
                style={{ fontFamily: 'monospace', fontSize: 12 }}
                data-testid="grid-import-text"
              />
            )}
            <Flex gap={8} wrap>
              <Button icon={<CheckOutlined />} disabled={!source.trim()} loading={busy === 'check'} onClick={() => run(true)} data-testid="grid-import-check">
                {t(gi.check)}
              </Button>
              <Button type="primary" icon={<CloudUploadOutlined />} disabled={!source.trim()} loading={busy === 'import'} onClick={() => run(false)} data-testid="grid-import-submit">
                {t(gi.import)}
              </Button>
            </Flex>
            {error && <Alert type="error" showIcon title={error} />}
            {result && (
              <Alert
                type={result.dryRun ? 'info' : 'success'}
                showIcon
                data-testid="grid-import-result"
                title={t(result.dryRun ? gi.checkOk : gi.done, { created: result.created.length, updated: result.updated.length })}
                description={
                  <Flex vertical gap={6}>
                    {result.created.length > 0 && (<div><b>{t(gi.created)}{t(common.colon)}</b>{gridList(result.created)}</div>)}
                    {result.updated.length > 0 && (<div><b>{t(gi.updated)}{t(common.colon)}</b>{gridList(result.updated)}</div>)}
                    {!result.dryRun && <Link to="/map">{t(gi.viewMap)}</Link>}
                  </Flex>
                }
              />
            )}
            {problems && (
              <div data-testid="grid-import-problems">
                <Alert type="error" showIcon title={problems.message} description={problems.items.length ? t(gi.problems, { n: problems.items.length }) : undefined} style={{ marginBottom: 8 }} />
                {problems.items.length > 0 && (
                  <Table<Problem>
                    size="small"
                    rowKey={(p, i) => `${p.feature}-${p.problem}-${i}`}
                    dataSource={problems.items}
                    pagination={problems.items.length > 20 ? { pageSize: 20 } : false}
                    columns={[
                      { title: t(gi.item), dataIndex: 'feature', width: 90, render: (v: number | null | undefined) => (v === null || v === undefined ? t(gi.whole) : `#${v + 1}`) },
                      { title: t(m.code), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
                      { title: t(gi.problem), dataIndex: 'message' },
                    ]}
                  />
                )}
              </div>
            )}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Card title={t(gi.preview)} extra={preview ? t(gi.previewN, { n: preview.features.length }) : undefined}>
          {source.trim() && !preview ? (
            <Alert type="warning" showIcon title={t(gi.notJson)} />
          ) : (
            <div style={{ position: 'relative' }}>
              <GridMap grids={preview ?? undefined} height={380} testId="grid-import-preview" />
              {!preview && (
                <div style={{ position: 'absolute', inset: 0, display: 'flex', alignItems: 'center', justifyContent: 'center', pointerEvents: 'none', color: '#999' }}>
                  {t(gi.previewEmpty)}
                </div>
              )}
            </div>
          )}
        </Card>
      </Col>
    </Row>
  );
}
