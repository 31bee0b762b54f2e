import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ImportRow, ImportSummary } from '../../contract';
import ImportPage from '../../src/packages/staff/import';
import { ok, roles } from './fixtures';
import { answer, calls } from './mockTransport';
import { pagesAs } from './residentPages';

/** 导入辖区信息: choose a file, read the preview (every row's fate), confirm, and follow the progress to the end. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());
jest.mock('../../src/platform/cloudFiles', () => ({
  pickXlsx: jest.fn(async () => ({ name: '福山区.xlsx', size: 2048, path: 'wxfile://tmp/1.xlsx' })),
  uploadFile: jest.fn(async () => 'cloud://env.bucket/imports/demo-admin/x.xlsx'),
  openFileUrl: jest.fn(async () => undefined),
}));

const ui = pagesAs('demo-admin');
const none = { refused: 0, new: 0, changed: 0, unchanged: 0 };
const summary = (overrides: Partial<ImportSummary> = {}): ImportSummary => ({
  id: 'imp1',
  fileName: '福山区.xlsx',
  districtId: 'd1',
  state: 'previewed',
  fileProblems: [],
  counts: { streets: none, communities: none, compounds: { ...none, new: 2, refused: 1 }, teams: { ...none, changed: 1, unchanged: 5 }, stations: none },
  toApply: 3,
  applied: 0,
  failed: 0,
  createdAt: '2026-12-05T08:00:00.000Z',
  ...overrides,
});
const row = (overrides: Partial<ImportRow>): ImportRow => ({
  sheet: 'compounds',
  row: 2,
  fate: 'new',
  title: '东苑小区',
  reasons: [],
  changes: [],
  failure: null,
  ...overrides,
});
const rows = [
  row({ row: 4, fate: 'refused', title: '西苑小区', reasons: ['“户数”要填数字'] }),
  row({ sheet: 'teams', row: 3, fate: 'changed', title: '福老汇理发队', changes: [{ label: '联系电话', before: '', after: '0535-6301234' }] }),
];

function backend(preview: ImportSummary, applying: ImportSummary[] = []) {
  answer((fn, event) => {
    if (fn === 'account') return ok({ openid: 'demo-admin', roles: roles({ admin: true }), user: null });
    if (fn === 'registry') return ok([{ id: 'd1', code: '370611', name: '福山区', active: true }]);
    if (event.action === 'preview') return ok(preview);
    if (event.action === 'rows') return ok({ items: rows, nextCursor: null });
    if (event.action === 'apply') return ok(applying.shift());
    throw new Error(`unexpected ${fn}.${event.action}`);
  });
}

test('a file with refused rows: each reason with its row, nothing applied until the admin chooses the valid rows', async () => {
  backend(summary(), [summary({ state: 'applying', applied: 2 }), summary({ state: 'applied', applied: 3 })]);
  render(<ImportPage />);
  fireEvent.click(await screen.findByText('选择 Excel 文件（.xlsx，5 MB 以内）'));
  expect(await screen.findByText('原因：“户数”要填数字')).toBeInTheDocument();
  expect(screen.getByText('小区 第 4 行 · 西苑小区')).toBeInTheDocument();
  expect(screen.getByText('联系电话：（空） → 0535-6301234')).toBeInTheDocument();
  expect(screen.getByText(/有 1 行有错误/)).toBeInTheDocument();
  expect(screen.queryByTestId('apply-import')).toBeNull();
  expect(calls('imports', 'preview')).toEqual([{ districtId: 'd1', fileID: 'cloud://env.bucket/imports/demo-admin/x.xlsx', fileName: '福山区.xlsx' }]);

  fireEvent.click(screen.getByText('只导入正确的 3 行'));
  await waitFor(() => expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ content: expect.stringContaining('只导入正确的 3 行') })));
  expect(await screen.findByText('已导入：成功 3 行')).toBeInTheDocument();
  // Called again while it was applying, until it was done.
  expect(calls('imports', 'apply')).toEqual([
    { importId: 'imp1', validOnly: true },
    { importId: 'imp1', validOnly: true },
  ]);
});

test('a file that cannot be imported says why and offers nothing to apply', async () => {
  backend(summary({ fileProblems: ['“小区”表缺少列：户数（请用模板的列名）'] }));
  render(<ImportPage />);
  fireEvent.click(await screen.findByText('选择 Excel 文件（.xlsx，5 MB 以内）'));
  expect(await screen.findByText('· “小区”表缺少列：户数（请用模板的列名）')).toBeInTheDocument();
  expect(screen.queryByTestId('apply-import')).toBeNull();
  expect(screen.queryByText(/只导入正确的/)).toBeNull();
});
