import { fateCounts, planRows, ReadRow, SheetRules } from '../../rules/import-plan';

/** What an import would do, row by row: new, changed (with the difference), unchanged, refused. */

type Fields = { name: string; households: number };
const rules: SheetRules<Fields> = { labels: { name: '名称', households: '户数' }, show: (field, f) => String(f[field]) };
const stored = new Map([
  ['k1', { id: 'id-1', fields: { name: '东苑小区', households: 300 } }],
  ['k2', { id: 'id-2', fields: { name: '西苑小区', households: 200 } }],
]);

test('each row is matched by its key: new, changed with the difference, unchanged', () => {
  const rows: ReadRow<Fields>[] = [
    { row: 2, key: 'k1', fields: { name: '东苑小区', households: 300 } },
    { row: 3, key: 'k2', fields: { name: '西苑小区', households: 250 } },
    { row: 4, key: 'k3', fields: { name: '北苑小区', households: 100 } },
  ];
  expect(planRows(rows, stored, rules)).toEqual([
    { row: 2, fate: 'unchanged', key: 'k1', id: 'id-1' },
    { row: 3, fate: 'changed', key: 'k2', id: 'id-2', fields: rows[1].fields, changes: [{ field: 'households', label: '户数', before: '200', after: '250' }] },
    { row: 4, fate: 'new', key: 'k3', fields: rows[2].fields },
  ]);
});

test('a row with problems is refused with them; a repeated key is refused naming the first row, whatever the first row’s fate', () => {
  const rows: ReadRow<Fields>[] = [
    { row: 2, key: null, problems: ['缺少名称'] },
    { row: 3, key: 'k3', fields: { name: '北苑小区', households: 100 } },
    { row: 4, key: 'k3', fields: { name: '北苑小区', households: 120 } },
    { row: 5, key: 'k4', problems: ['户数要填整数'] },
    { row: 6, key: 'k4', fields: { name: '南苑小区', households: 1 } },
  ];
  const fates = planRows(rows, stored, rules);
  expect(fates.map((f) => (f.fate === 'refused' ? [f.row, f.reasons] : [f.row, f.fate]))).toEqual([
    [2, ['缺少名称']],
    [3, 'new'],
    [4, ['与第 3 行重复']],
    [5, ['户数要填整数']],
    [6, ['与第 5 行重复']],
  ]);
  expect(fateCounts(fates)).toEqual({ new: 1, changed: 0, unchanged: 0, refused: 4 });
});

test('planning the same rows against what applying them stored finds nothing to do', () => {
  const rows: ReadRow<Fields>[] = [{ row: 2, key: 'k9', fields: { name: '新苑', households: 9 } }];
  const applied = new Map([['k9', { id: 'id-9', fields: rows[0].fields! }]]);
  expect(fateCounts(planRows(rows, applied, rules))).toEqual({ new: 0, changed: 0, unchanged: 1, refused: 0 });
});
