import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Roster } from '../../contract';
import RosterPage from '../../src/packages/staff/roster';
import { eventDetail, ok } from './fixtures';
import { answer, calls, fail, routeParams } from './mockTransport';
import { pagesAs } from './residentPages';

/** 导出 Excel on the roster: the file saved and opened on weapp, downloaded on h5, with loading and errors in Chinese. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => ({
  ...require('./taroMock').taroModuleWithStubs(),
  showLoading: jest.fn(),
  hideLoading: jest.fn(),
  getFileSystemManager: jest.fn(),
  openDocument: jest.fn(),
  // Taro's API transform reads `Taro.env` as this named export; on weapp Taro.env is wx.env.
  env: { USER_DATA_PATH: 'wxfile://usr' },
}));

const taro = jest.requireMock('@tarojs/taro') as Record<string, jest.Mock>;
const FILE = { fileName: '百家宴-十二月百家宴-2026-11-28.xlsx', base64: Buffer.from('PK\u0003\u0004 roster bytes').toString('base64') };

const roster: Roster = {
  event: eventDetail({ type: 'banquet', title: '十二月百家宴', placesLeft: 100, stalls: null }),
  totals: { people: 0, signUps: 0, waitlisted: 0, stalls: 0, attended: 0 },
  signUps: [],
};

const ui = pagesAs('demo-staff');
const writeFile = jest.fn();
beforeEach(() => {
  routeParams({ id: 'e1' });
  for (const name of ['showLoading', 'hideLoading', 'openDocument']) taro[name].mockReset().mockResolvedValue({ errMsg: `${name}:ok` });
  writeFile.mockReset().mockImplementation(({ success }) => success({ errMsg: 'writeFile:ok' }));
  taro.getFileSystemManager.mockReset().mockReturnValue({ writeFile });
});
afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

async function exportFromRoster() {
  render(<RosterPage />);
  fireEvent.click(await screen.findByText('导出 Excel'));
  await waitFor(() => expect(taro.hideLoading).toHaveBeenCalled());
}

test('on weapp the file is written to the user folder and opened with the menu to forward or save it', async () => {
  process.env.TARO_ENV = 'weapp';
  answer((_fn, e) => ok(e.action === 'roster' ? roster : FILE));
  await exportFromRoster();
  expect(calls('events', 'exportRoster')).toEqual([{ eventId: 'e1' }]);
  expect(taro.showLoading).toHaveBeenCalledWith({ title: '正在生成名单表格…', mask: true });
  const filePath = `wxfile://usr/${FILE.fileName}`;
  expect(writeFile).toHaveBeenCalledWith(expect.objectContaining({ filePath, data: FILE.base64, encoding: 'base64' }));
  expect(taro.openDocument).toHaveBeenCalledWith({ filePath, fileType: 'xlsx', showMenu: true });
  expect(ui.showToast).not.toHaveBeenCalled();
  expect(screen.getByText('导出后在右上角菜单里转发给同事或保存到手机。')).toBeInTheDocument();
});

test('on weapp a file that cannot be written is said so, and nothing is opened', async () => {
  process.env.TARO_ENV = 'weapp';
  writeFile.mockImplementation(({ fail: failed }) => failed({ errMsg: 'writeFile:fail the maximum size of the file storage limit is exceeded' }));
  answer((_fn, e) => ok(e.action === 'roster' ? roster : FILE));
  await exportFromRoster();
  expect(taro.openDocument).not.toHaveBeenCalled();
  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '文件保存失败，请检查手机存储空间后重试', icon: 'none' }));
});

test('on h5 the browser downloads the workbook under its name', async () => {
  const blobs: Blob[] = [];
  const createObjectURL = jest.fn((blob: Blob) => (blobs.push(blob), 'blob:roster'));
  Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
  let downloaded: { href: string; download: string } | null = null;
  const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    downloaded = { href: this.href, download: this.download };
  });
  answer((_fn, e) => ok(e.action === 'roster' ? roster : FILE));
  await exportFromRoster();
  click.mockRestore();
  expect(downloaded).toEqual({ href: 'blob:roster', download: FILE.fileName });
  expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const bytes = await new Promise<ArrayBuffer>((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.readAsArrayBuffer(blobs[0]);
  });
  expect(Buffer.from(bytes).toString('base64')).toBe(FILE.base64);
  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: `已下载 ${FILE.fileName}`, icon: 'none' }));
  expect(taro.getFileSystemManager).not.toHaveBeenCalled();
});

test('a refusal from the function is told in its words, and the button can be tapped again', async () => {
  answer((_fn, e) => (e.action === 'roster' ? ok(roster) : fail('FORBIDDEN', '只有本社区的社区工作者可以这样操作')));
  await exportFromRoster();
  expect(ui.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '只有本社区的社区工作者可以这样操作', icon: 'none' }));
  await waitFor(() => expect(screen.getByText('导出 Excel')).toBeInTheDocument());
  fireEvent.click(screen.getByText('导出 Excel'));
  await waitFor(() => expect(calls('events', 'exportRoster')).toHaveLength(2));
});
