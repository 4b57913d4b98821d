/** multipart/form-data bodies built by hand, for upload tests through app.inject. */
import crypto from 'node:crypto';

export interface Part {
  name: string;
  value?: string;
  filename?: string;
  content?: Buffer;
  contentType?: string;
}

/** A multipart/form-data body and its content-type header. */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----gongzhi' + crypto.randomBytes(8).toString('hex');
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"`;
    if (p.filename !== undefined) head += `; filename="${p.filename}"\r\nContent-Type: ${p.contentType ?? 'application/octet-stream'}`;
    chunks.push(Buffer.from(head + '\r\n\r\n', 'utf8'), p.content ?? Buffer.from(p.value ?? '', 'utf8'), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A multipart body with one file (and optional fields). */
export function upload(filename: string, content: Buffer, fields: Record<string, string> = {}) {
  return multipart([...Object.entries(fields).map(([name, value]) => ({ name, value })), { name: 'file', filename, content }]);
}
