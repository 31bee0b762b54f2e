import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState } from 'react';
import type { LngLat } from '../../contract';
import { straightMetres } from '../../rules/geo';
import { PositionField } from '../../src/packages/staff/PositionField';
import { DISTRICT_CENTRE, PLANE_SPAN_METRES, planeAround } from '../../src/packages/staff/placePlane';
import { community } from './fixtures';
import { openPicker, tapPlane } from './placePicking';

/**
 * Staff pick a place's position, never type it: on h5 on a plane of the ground around the community (tap,
 * or put it at a landmark), on weapp on WeChat's map. The form says the place in words, shows it small,
 * and offers 重新选择; no degrees and no datum are ever shown.
 */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

afterEach(() => {
  process.env.TARO_ENV = 'h5';
});

function renderField(initial: LngLat | null = null, landmarks = [{ name: '福海社区', location: { lng: 121.27, lat: 37.505 } }]) {
  const changes: LngLat[] = [];
  const picked: string[] = [];
  function Harness() {
    const [value, setValue] = useState(initial);
    return (
      <PositionField
        value={value}
        community={community}
        landmarks={landmarks}
        onChange={(position) => (changes.push(position), setValue(position))}
        onPicked={(address) => picked.push(address)}
      />
    );
  }
  render(<Harness />);
  return { field: screen.getByTestId('position-field'), changes, picked };
}

const noJargon = () => expect(document.body.textContent).not.toMatch(/经度|纬度|GCJ|°/);

describe('on h5, the local picker', () => {
  test('opens on the community with its landmarks; a tap places the pin where it fell; confirmed, the form says so and shows it', () => {
    const { field, changes } = renderField();
    expect(within(field).getByText('还没有选位置')).toBeInTheDocument();
    const picker = openPicker(field);
    // The plane is centred on the community: its centre and the neighbour within reach are drawn and offered.
    expect(picker.getByText('清洋社区中心')).toBeInTheDocument();
    expect(picker.getByText('放在福海社区')).toBeInTheDocument();
    expect(picker.getByText('用这个位置')).toHaveAttribute('disabled');

    const target = { lng: 121.2652, lat: 37.4981 };
    tapPlane(picker, community.location, target);
    expect(picker.getByTestId('place-pin')).toBeInTheDocument();
    fireEvent.click(picker.getByText('用这个位置'));
    expect(changes).toHaveLength(1);
    // A tap on a 300 px plane of 3 km is worth 10 m; the position lands within that of where it was aimed.
    expect(straightMetres(changes[0], target)).toBeLessThan(PLANE_SPAN_METRES / 300);
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已在地图上选好位置');
    expect(within(field).getByTestId('place-plane')).toHaveAttribute('aria-label', '位置示意图');
    expect(within(field).getByText('重新选择')).toBeInTheDocument();
    noJargon();
  });

  test('a landmark puts the pin exactly there and names the place; 取消 changes nothing', () => {
    const { field, changes } = renderField();
    let picker = openPicker(field);
    fireEvent.click(picker.getByText('放在清洋社区中心'));
    fireEvent.click(picker.getByText('用这个位置'));
    expect(changes).toEqual([community.location]);
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已选：清洋社区中心');

    picker = openPicker(field);
    fireEvent.click(picker.getByText('放在福海社区'));
    fireEvent.click(picker.getByText('取消'));
    expect(changes).toHaveLength(1);
    expect(within(field).queryByTestId('place-picker')).toBeNull();
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已选：清洋社区中心');
  });

  test('重新选择 opens where the place is; the plane moves by half its width to reach farther', () => {
    const chosen = { lng: 121.31, lat: 37.5 };
    const { field, changes } = renderField(chosen);
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已在地图上选好位置');
    let picker = openPicker(field);
    // Opened on the chosen place, the community's centre (about 5 km away) is off the plane.
    expect(picker.queryByText('放在清洋社区中心')).toBeNull();
    fireEvent.click(picker.getByText('用这个位置'));
    expect(changes).toEqual([chosen]);

    picker = openPicker(field);
    fireEvent.click(picker.getByLabelText('地图往西看'));
    fireEvent.click(picker.getByLabelText('地图往西看'));
    fireEvent.click(picker.getByLabelText('地图往西看'));
    // Three moves of 1.5 km west reach the community.
    expect(picker.getByText('放在清洋社区中心')).toBeInTheDocument();
    const movedWest = (centre: LngLat) => planeAround(centre).moved(-1, 0);
    const west = { lng: 121.262, lat: 37.501 };
    tapPlane(picker, movedWest(movedWest(movedWest(chosen))), west);
    fireEvent.click(picker.getByText('用这个位置'));
    expect(straightMetres(changes[1], west)).toBeLessThan(PLANE_SPAN_METRES / 300);
  });

  test('with no community and nothing chosen, the plane opens on the district', () => {
    const changes: LngLat[] = [];
    render(<PositionField value={null} onChange={(p) => changes.push(p)} />);
    const picker = openPicker(screen.getByTestId('position-field'));
    tapPlane(picker, DISTRICT_CENTRE, DISTRICT_CENTRE);
    fireEvent.click(picker.getByText('用这个位置'));
    expect(straightMetres(changes[0], DISTRICT_CENTRE)).toBeLessThan(PLANE_SPAN_METRES / 300);
  });
});

describe("on weapp, WeChat's map", () => {
  const taro = () => jest.requireMock<Record<string, (...args: any[]) => any>>('@tarojs/taro');

  test('opens at the community, after the privacy guide; the place it names is said in words and fills the address', async () => {
    process.env.TARO_ENV = 'weapp';
    const privacy = jest.spyOn(taro(), 'requirePrivacyAuthorize').mockImplementation((options: any) => options.success());
    const choose = jest
      .spyOn(taro(), 'chooseLocation')
      .mockResolvedValue({ latitude: 37.498812, longitude: 121.263345, name: '清洋公园', address: '清洋街道公园路 2 号', errMsg: 'chooseLocation:ok' });
    const { field, changes, picked } = renderField();
    fireEvent.click(within(field).getByText('在地图上选位置'));
    await waitFor(() => expect(changes).toEqual([{ lng: 121.263345, lat: 37.498812 }]));
    expect(choose).toHaveBeenCalledWith({ latitude: 37.5, longitude: 121.26 });
    expect(privacy).toHaveBeenCalled();
    expect(picked).toEqual(['清洋街道公园路 2 号']);
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已选：清洋公园（清洋街道公园路 2 号）');
    expect(within(field).queryByTestId('place-picker')).toBeNull();

    // 重新选择 opens the map where the place is; cancelling it keeps the place.
    choose.mockRejectedValueOnce({ errMsg: 'chooseLocation:fail cancel' });
    fireEvent.click(within(field).getByText('重新选择'));
    await waitFor(() => expect(choose).toHaveBeenLastCalledWith({ latitude: 37.498812, longitude: 121.263345 }));
    expect(changes).toHaveLength(1);
    expect(within(field).getByTestId('position-words')).toHaveTextContent('已选：清洋公园');
    noJargon();
    privacy.mockRestore();
    choose.mockRestore();
  });

  test('a refused privacy guide opens no map and changes nothing', async () => {
    process.env.TARO_ENV = 'weapp';
    const privacy = jest.spyOn(taro(), 'requirePrivacyAuthorize').mockImplementation((options: any) => options.fail());
    const choose = jest.spyOn(taro(), 'chooseLocation');
    const { field, changes } = renderField();
    fireEvent.click(within(field).getByText('在地图上选位置'));
    await waitFor(() => expect(privacy).toHaveBeenCalled());
    expect(choose).not.toHaveBeenCalled();
    expect(changes).toEqual([]);
    expect(within(field).getByText('还没有选位置')).toBeInTheDocument();
    privacy.mockRestore();
    choose.mockRestore();
  });
});
