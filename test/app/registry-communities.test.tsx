import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RegistryCommunity, RegistryStreet } from '../../contract';
import { RegistryCommunities } from '../../src/packages/staff/RegistryCommunities';
import { community, ok } from './fixtures';
import { answer, calls } from './mockTransport';
import { pagesAs } from './residentPages';

/** 辖区管理's communities of a street (packages/staff/RegistryCommunities), on their own. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = pagesAs('demo-admin');
const qingyang: RegistryStreet = { id: 's-qy', code: '370611001', name: '清洋街道', districtId: 'd1', active: true };
const qy: RegistryCommunity = { ...community, active: true };

test('lists the street’s communities with their code and households; each opens its compounds and teams', async () => {
  answer(() => ok([qy, { ...qy, id: 'c-fh', code: 'FH01', name: '福海社区', households: 800, active: false }]));
  render(<RegistryCommunities street={qingyang} streets={[qingyang]} />);
  const rows = await screen.findAllByTestId('community-row');
  expect(calls('registry', 'listCommunities')).toEqual([{ streetId: 's-qy' }]);
  expect(screen.getByText('清洋街道的社区（2）')).toBeInTheDocument();
  expect(rows[0]).toHaveTextContent('代码 QY01 · 1200 户');
  expect(rows[1]).toHaveTextContent('已停用');
  fireEvent.click(screen.getAllByText('小区')[0]);
  expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/compounds?communityId=c-qy' });
  fireEvent.click(screen.getAllByText('服务队')[1]);
  expect(ui.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/staff/teams?communityId=c-fh' });
});

test('none yet: says how to add one; 新建社区 opens the form, and 取消 closes it', async () => {
  answer(() => ok([]));
  render(<RegistryCommunities street={qingyang} streets={[qingyang]} />);
  expect(await screen.findByText('这个街道还没有社区，可以点下面的“新建社区”')).toBeInTheDocument();
  fireEvent.click(screen.getByText('新建社区'));
  expect(screen.getByTestId('community-form')).toBeInTheDocument();
  fireEvent.click(screen.getByText('取消'));
  await waitFor(() => expect(screen.queryByTestId('community-form')).toBeNull());
  expect(calls('registry', 'listCommunities')).toHaveLength(1);
});
