import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { District, RegistryCommunity, RegistryStreet } from '../../contract';
import { CommunityForm, DistrictForm, StreetForm } from '../../src/packages/staff/RegistryForms';
import { community, ok } from './fixtures';
import { answer, calls, fail, transport, typeInto } from './mockTransport';
import { pagesAs } from './residentPages';

/** 辖区管理's forms (packages/staff/RegistryForms), on their own: a district, a street, a community. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = pagesAs('demo-admin');
const fushan: District = { id: 'd1', code: '370611', name: '福山区', active: true };
const qingyang: RegistryStreet = { id: 's-qy', code: '370611001', name: '清洋街道', districtId: 'd1', active: true };
const menlou: RegistryStreet = { id: 's-ml', code: '370611002', name: '门楼街道', districtId: 'd1', active: true };
const qy: RegistryCommunity = { ...community, active: true };
const field = (label: string) => screen.getByLabelText(label);

describe('a district', () => {
  test('its problems beside the fields, nothing sent; then registered', async () => {
    const onDone = jest.fn();
    answer(() => ok(fushan));
    render(<DistrictForm onDone={onDone} />);
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('请填写区名称')).toBeInTheDocument();
    expect(screen.getByText('请填写区代码')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();
    await typeInto(field('区名称'), '福山区');
    await typeInto(field('区代码'), '370611');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(calls('registry', 'saveDistrict')).toEqual([{ code: '370611', name: '福山区' }]);
  });

  test('editing sends its id; 取消 closes it unchanged', async () => {
    const onDone = jest.fn();
    answer(() => ok(fushan));
    render(<DistrictForm district={fushan} onDone={onDone} />);
    expect(screen.getByText('编辑区')).toBeInTheDocument();
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(calls('registry', 'saveDistrict')).toEqual([{ code: '370611', name: '福山区', districtId: 'd1' }]);
    fireEvent.click(screen.getByText('取消'));
    expect(onDone).toHaveBeenLastCalledWith(false);
  });
});

describe('a street', () => {
  test('the function’s refusal is shown on the form', async () => {
    answer(() => fail('CONFLICT', '已经有代码为 370611001 的街道了'));
    render(<StreetForm districtId='d1' onDone={jest.fn()} />);
    await typeInto(field('街道名称'), '清洋街道');
    await typeInto(field('街道代码'), '370611001');
    fireEvent.click(screen.getByText('建好街道'));
    expect(await screen.findByTestId('form-problem')).toHaveTextContent('已经有代码为 370611001 的街道了');
    expect(calls('registry', 'saveStreet')).toEqual([{ code: '370611001', name: '清洋街道', districtId: 'd1' }]);
  });

  test('停用 takes a reason and a confirmation, then says 重新启用', async () => {
    answer((_fn, e) => ok({ ...qingyang, active: e.input.active }));
    render(<StreetForm districtId='d1' street={qingyang} onDone={jest.fn()} />);
    const box = screen.getByTestId('active-switch');
    await typeInto(within(box).getByLabelText('停用原因'), '区划调整');
    fireEvent.click(within(box).getByText('停用'));
    expect(await within(box).findByText('重新启用')).toBeInTheDocument();
    expect(ui.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认停用', content: expect.stringContaining('街道“清洋街道”') }));
    expect(calls('registry', 'setStreetActive')).toEqual([{ streetId: 's-qy', active: false, reason: '区划调整' }]);
  });
});

describe('a community', () => {
  test('moved to another street, with its households and centre', async () => {
    const onDone = jest.fn();
    answer(() => ok(qy));
    render(<CommunityForm streets={[qingyang, menlou]} streetId='s-qy' community={qy} onDone={onDone} />);
    expect(field('所属街道')).toHaveTextContent('清洋街道');
    await typeInto(field('户数'), '1300');
    fireEvent.click(screen.getByText('保存修改'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(true));
    expect(calls('registry', 'saveCommunity')).toEqual([
      { code: 'QY01', name: '清洋社区', streetId: 's-qy', location: { lng: 121.26, lat: 37.5 }, households: 1300, communityId: 'c-qy' },
    ]);
  });

  test('a new one without a position: the problem beside the position, nothing sent', async () => {
    render(<CommunityForm streets={[qingyang]} streetId='s-qy' onDone={jest.fn()} />);
    await typeInto(field('社区名称'), '福海社区');
    await typeInto(field('社区代码'), '370611001009');
    await typeInto(field('户数'), '800');
    fireEvent.click(screen.getByText('建好社区'));
    expect(await screen.findByText('请在地图上选好位置')).toBeInTheDocument();
    expect(transport).not.toHaveBeenCalled();
  });
});
