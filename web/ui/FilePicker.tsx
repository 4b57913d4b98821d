/** A file chooser: a button that opens the system dialog, the chosen file's name, and a plain input for tests. */
import { useRef } from 'react';
import { Button, Flex, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';

export interface FilePickerProps {
  accept: string;
  file: File | null;
  onChange(file: File | null): void;
  label: string;
  emptyLabel: string;
  testId: string;
  disabled?: boolean;
}

/** The file picker. */
export function FilePicker({ accept, file, onChange, label, emptyLabel, testId, disabled }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <Flex align="center" gap={12} wrap>
      <input
        ref={input}
        type="file"
        accept={accept}
        style={{ display: 'none' }}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.files?.[0] ?? null);
          e.target.value = '';
        }}
      />
      <Button icon={<PaperClipOutlined />} onClick={() => input.current?.click()} disabled={disabled}>
        {label}
      </Button>
      <Typography.Text type={file ? undefined : 'secondary'} ellipsis style={{ maxWidth: 260 }}>
        {file ? `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)` : emptyLabel}
      </Typography.Text>
    </Flex>
  );
}
