/** Puts a server's field problems (VALIDATION_FAILED details) next to the form fields they belong to. */
import type { FormInstance } from 'antd';
import { ApiError } from '../lib/api.js';

/**
 * Marks the fields named in the error's details; returns the problems that matched no field
 * (the caller shows those with the main message).
 */
export function applyFieldErrors(form: FormInstance, error: unknown, fields: string[]): { path?: string; message: string }[] {
  if (!(error instanceof ApiError)) return [];
  const unmatched: { path?: string; message: string }[] = [];
  const byField = new Map<string, string[]>();
  for (const p of error.problems) {
    const name = (p.path ?? '').replace(/^(body|querystring|params)\./, '').split('.')[0] ?? '';
    if (fields.includes(name)) byField.set(name, [...(byField.get(name) ?? []), p.message]);
    else unmatched.push(p);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unmatched;
}
