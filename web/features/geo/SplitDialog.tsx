/** Split one grid: the parts come from an uploaded or pasted GeoJSON file; preview them over the grid. */
import { useMemo, useState } from 'react';
import { Alert, Flex, Form, Input, List, Modal, Typography } from 'antd';
import { ApiError, post } from '../../lib/api.js';
import { useI18n } from '../../lib/i18n.js';
import { common } from '../../lib/messages.js';
import { FilePicker } from '../../ui/FilePicker.js';
import { GridMap } from './GridMap.js';
import { partsOf, readCollection } from './geojson-input.js';
import { RedivideResult, type RedivideOutcome } from './RedivideResult.js';
import type { AreaCollection, AreaFeature } from './types.js';
import { gi, rd } from './messages.js';

interface Problem {
  part?: number | null;
  code: string | null;
  message: string;
}

/** The split dialog for `grid` (a feature with its geometry). */
export function SplitDialog({ grid, onClose, onDone }: { grid: AreaFeature | null; onClose(): void; onDone(): void }) {
  const { t, pick } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [outcome, setOutcome] = useState<RedivideOutcome>();

  const parts = useMemo(() => (text.trim() ? readCollection(text) : null), [text]);
  const local = useMemo(() => {
    if (!text.trim()) return null;
    if (!parts) return t(gi.notJson);
    if (parts.features.length < 2) return t(rd.needTwo);
    const unnamed = parts.features.findIndex((f) => !f.properties.nameZh);
    return unnamed >= 0 ? t(rd.partNeedsName, { i: unnamed + 1 }) : null;
  }, [text, parts, t]);
  const base: AreaCollection | undefined = grid ? { type: 'FeatureCollection', features: [grid] } : undefined;

  const reset = () => {
    setFile(null);
    setText('');
    setNote('');
    setError(undefined);
    setProblems([]);
    setOutcome(undefined);
  };
  const close = () => {
    const done = !!outcome;
    reset();
    if (done) onDone();
    else onClose();
  };
  const submit = async () => {
    if (!grid || !parts || local) return;
    setBusy(true);
    setError(undefined);
    setProblems([]);
    try {
      setOutcome(await post<RedivideOutcome>(`/geo/grids/${grid.properties.id}/split`, { parts: partsOf(parts), ...(note.trim() ? { note: note.trim() } : {}) }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
      if (e instanceof ApiError) setProblems(e.problems as unknown as Problem[]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={!!grid}
      width={760}
      title={grid ? t(rd.splitTitle, { name: pick(grid.properties.nameZh, grid.properties.nameEn) }) : ''}
      onCancel={close}
      onOk={outcome ? close : submit}
      okText={outcome ? t(common.close) : t(rd.submitSplit)}
      okButtonProps={{ disabled: !outcome && (!parts || !!local), danger: !outcome }}
      cancelButtonProps={{ style: outcome ? { display: 'none' } : undefined }}
      cancelText={t(common.cancel)}
      confirmLoading={busy}
      destroyOnHidden
      data-testid="split-dialog"
    >
      {outcome ? (
        <RedivideResult outcome={outcome} />
      ) : (
        <Flex vertical gap={12}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 13, margin: 0 }}>
            {t(rd.splitHelp)}
          </Typography.Paragraph>
          <FilePicker
            accept=".geojson,.json,application/geo+json,application/json"
            file={file}
            onChange={async (f) => {
              setFile(f);
              setText(f ? await f.text() : '');
            }}
            label={t(gi.chooseFile)}
            emptyLabel={t(gi.noFile)}
            testId="split-file-input"
          />
          {!file && <Input.TextArea rows={4} value={text} onChange={(e) => setText(e.target.value)} placeholder={t(gi.orPaste)} style={{ fontFamily: 'monospace', fontSize: 12 }} data-testid="split-text" />}
          {local && <Alert type="warning" showIcon title={local} />}
          <GridMap grids={base} overlay={parts ?? undefined} height={300} labels testId="split-preview" />
          {parts && !local && (
            <Typography.Text>
              {t(rd.partsN, { n: parts.features.length })}{t(common.colon)}{parts.features.map((f, i) => pick(f.properties.nameZh, f.properties.nameEn) || t(rd.partName, { i: i + 1 })).join(t(common.listSep))}
            </Typography.Text>
          )}
          <Form layout="vertical">
            <Form.Item label={t(rd.note)} style={{ marginBottom: 0 }}>
              <Input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} placeholder={t(rd.notePlaceholder)} />
            </Form.Item>
          </Form>
          {error && (
            <Alert
              type="error"
              showIcon
              title={error}
              description={
                problems.length > 0 && (
                  <List
                    size="small"
                    dataSource={problems}
                    renderItem={(p) => (
                      <List.Item>
                        {p.part !== null && p.part !== undefined ? `${t(rd.partName, { i: p.part + 1 })}${t(common.colon)}` : ''}
                        {p.message}
                      </List.Item>
                    )}
                  />
                )
              }
            />
          )}
        </Flex>
      )}
    </Modal>
  );
}
