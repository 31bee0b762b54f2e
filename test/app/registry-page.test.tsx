import { fireEvent, render, screen, within } from '@testing-library/react';
import type { District, RegistryStreet } from '../../contract';
import RegistryPage from '../../src/packages/staff/registry';
import { community, ok } from './fixtures';
import { answer, calls } from './mockTransport';
import { pagesAs } from './residentPages';

/** 辖区管理's page (packages/staff/registry): the district chosen, its streets, a street's communities opened. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pagesAs('demo-admin');
const fushan: District = { id: 'd1', code: '370611', name: '福山区', active: true };
const zhifu: District = { id: 'd2', code: '370602', name: '芝罘区', active: true };
const street = (id: string, name: string, districtId = 'd1'): RegistryStreet => ({ id, code: id, name, districtId, active: true });

test('no district yet: says to register one first, and opens its form', async () => {
  answer(() => ok([]));
  render(<RegistryPage />);
  fireEvent.click(await screen.findByText('登记区'));
  expect(screen.getByTestId('district-form')).toBeInTheDocument();
});

test('the first district and its streets; a second district is chosen on the page; a street opens its communities', async () => {
  answer((_fn, e) => {
    if (e.action === 'listDistricts') return ok([fushan, zhifu]);
    if (e.action === 'listStreets') return ok([street('s-qy', '清洋街道'), street('s-ml', '门楼街道'), street('s-zf', '芝罘街道', 'd2')]);
    return ok([{ ...community, active: true }]);
  });
  render(<RegistryPage />);
  expect(await screen.findByTestId('district')).toHaveTextContent('福山区');
  expect(screen.getAllByTestId('street-row').map((r) => within(r).getByText(/街道$/).textContent)).toEqual(['清洋街道', '门楼街道']);
  fireEvent.click(screen.getAllByText('查看社区')[0]);
  expect(await screen.findByText('清洋街道的社区（1）')).toBeInTheDocument();
  expect(calls('registry', 'listCommunities')).toEqual([{ streetId: 's-qy' }]);

  fireEvent.click(screen.getByText('芝罘区'));
  expect(screen.getByTestId('district')).toHaveTextContent('芝罘区');
  expect(screen.getAllByTestId('street-row')).toHaveLength(1);
  expect(screen.queryByTestId('communities')).toBeNull();
});

test('编辑 a street opens its form in its place', async () => {
  answer((_fn, e) => (e.action === 'listDistricts' ? ok([fushan]) : ok([street('s-qy', '清洋街道')])));
  render(<RegistryPage />);
  const row = await screen.findByTestId('street-row');
  fireEvent.click(within(row).getByText('编辑'));
  expect(screen.getByTestId('street-form')).toHaveTextContent('编辑街道：清洋街道');
  expect(screen.queryByTestId('new-district')).toBeNull();
});
