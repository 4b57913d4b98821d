/** A searchable tree select over the administrative tree; only nodes of the allowed types can be chosen. */
import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { useFetch } from '../../lib/use-fetch.js';
import { useI18n } from '../../lib/i18n.js';
import { nodeTypeLabel } from '../../lib/labels.js';
import { buildTree, type TreeNode } from './tree.js';
import type { TreeItem, TreeName } from './types.js';
import { m } from './messages.js';

export interface NodePickerProps {
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** Node types that may be chosen (others are shown for context but disabled). */
  types?: readonly string[];
  tree?: TreeName;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
  style?: React.CSSProperties;
}

interface Option {
  value: number;
  title: string;
  label: string;
  disabled: boolean;
  children: Option[];
}

/** The node picker (works inside antd Form.Item). */
export function NodePicker({ value, onChange, types, tree = 'admin', placeholder, allowClear = true, testId, style }: NodePickerProps) {
  const { t, pick } = useI18n();
  const { data, loading } = useFetch<{ items: TreeItem[] }>(`/org/tree?tree=${tree}`);
  const treeData = useMemo(() => {
    const toOption = (n: TreeNode): Option => {
      const name = pick(n.nameZh, n.nameEn);
      return {
        value: n.id,
        title: `${name} · ${t(nodeTypeLabel(n.type))}`,
        label: name,
        disabled: !n.inScope || (types ? !types.includes(n.type) : false),
        children: n.children.map(toOption),
      };
    };
    return buildTree(data?.items ?? []).map(toOption);
  }, [data, types, t, pick]);
  return (
    <TreeSelect<number>
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      treeData={treeData}
      loading={loading}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder ?? t(m.pickerPlaceholder)}
      treeDefaultExpandAll={(data?.items.length ?? 0) < 60}
      treeNodeLabelProp="label"
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
