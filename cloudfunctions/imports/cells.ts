import { SheetRules } from '../../rules/import-plan';
import { CellValue } from '../_shared/spreadsheet';

import { Parents, Position } from './rows';

/** Reading an import row's cells: text, lists, numbers, positions, and parents by code or name. */

export const text = (value: CellValue | undefined): string => (value === null || value === undefined ? '' : String(value).trim());
/** A list typed into one cell: 、 or , or ; or line breaks between items. */
export const list = (value: CellValue | undefined): string[] =>
  text(value)
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
export const joined = (items: string[]) => items.join('、');

export function numberOf(value: CellValue | undefined, label: string, problems: string[]): number {
  const n = typeof value === 'number' ? value : Number(text(value));
  if (text(value) === '' || !Number.isFinite(n)) {
    problems.push(`“${label}”要填数字`);
    return NaN;
  }
  return n;
}

export function positionOf(cells: Record<string, CellValue>, problems: string[]): Position {
  const lng = numberOf(cells['经度'], '经度', problems);
  const lat = numberOf(cells['纬度'], '纬度', problems);
  // Fushan and its neighbours lie near 121°E 37°N; anything far outside China is a swapped or mistyped pair.
  if (Number.isFinite(lng) && Number.isFinite(lat) && (lng < 73 || lng > 136 || lat < 3 || lat > 54)) {
    problems.push('经纬度不在中国境内，请检查是否填反（经度约 121，纬度约 37）');
  }
  return { lng, lat };
}

export function required(cells: Record<string, CellValue>, header: string, problems: string[]): string {
  const value = text(cells[header]);
  if (!value) problems.push(`请填写“${header}”`);
  return value;
}

export function streetOf(ref: string, parents: Parents, problems: string[]): string {
  if (!ref) return '';
  const code = parents.street(ref);
  if (code === null) {
    problems.push(`没有找到街道“${ref}”（本文件和系统里都没有）`);
    return '';
  }
  const refused = parents.refusedRow('streets', code);
  if (refused !== null) problems.push(`所属街道（街道表第 ${refused} 行）有错误`);
  return code;
}

export function communityOf(ref: string, parents: Parents, problems: string[]): { code: string; location: Position } | null {
  if (!ref) return null;
  const found = parents.community(ref);
  if (found === null) {
    problems.push(`没有找到社区“${ref}”（本文件和系统里都没有）`);
    return null;
  }
  const refused = parents.refusedRow('communities', found.code);
  if (refused !== null) problems.push(`所属社区（社区表第 ${refused} 行）有错误`);
  return found;
}

/** Problems of a registry check (rules/registry.ts), each as the row's reason. */
export function problemsOf(checked: { ok: true } | { ok: false; problems: Partial<Record<string, string>> }): string[] {
  return checked.ok ? [] : Object.values(checked.problems).filter((p): p is string => Boolean(p));
}

export const byLabel = <T extends string>(labels: Record<T, string>, value: string): T | undefined =>
  (Object.keys(labels) as T[]).find((key) => labels[key] === value || key === value);

export const show = <F>(format: { [K in keyof F]?: (value: F[K]) => string }) =>
  ((field, fields) => {
    const value = fields[field];
    const f = format[field];
    return f ? f(value) : String(value ?? '');
  }) as SheetRules<F>['show'];

export const coordinate = (n: number) => n.toFixed(6);
