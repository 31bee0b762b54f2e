import { fireEvent, screen, within } from '@testing-library/react';
import { EventPlaceSection } from '../../src/packages/staff/EventPlaceSection';
import { community, station } from './fixtures';
import { renderSection } from './eventFormHarness';
import { typeInto } from './mockTransport';
import { pagesAs } from './residentPages';
import { pickLandmark } from './placePicking';

/** The editor's place section (packages/staff/EventPlaceSection): a station of the community, or an address with a position. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pagesAs('demo-staff');
const hall = station();
const library = station({ id: 'st2', name: '清洋社区图书室', address: '清洋社区 3 号楼', location: { lng: 121.2633, lat: 37.4988 } });

test('choosing a station takes its address and position; no position to type', () => {
  const { form } = renderSection(EventPlaceSection, {}, { stations: [hall, library], community });
  fireEvent.click(screen.getByText('在服务站'));
  fireEvent.click(within(screen.getByTestId('station-choice')).getByText('清洋社区图书室'));
  expect(form()).toMatchObject({ placeKind: 'station', stationId: 'st2', address: '清洋社区 3 号楼', position: { lng: 121.2633, lat: 37.4988 } });
  expect(screen.getByText('地址（可补充在哪个房间）')).toBeInTheDocument();
  // No position to choose: the station's own is used.
  expect(screen.queryByTestId('position-field')).toBeNull();
});

test('a station no longer open is said, to choose another', () => {
  renderSection(EventPlaceSection, { placeKind: 'station', stationId: 'st-gone' }, { stations: [hall], community });
  expect(screen.getByText('原来的服务站已停用或不在本社区，请另选一个。')).toBeInTheDocument();
});

test('with no open station: says to choose another place', () => {
  renderSection(EventPlaceSection, { placeKind: 'station' }, { stations: [], community });
  expect(screen.getByText('本社区还没有开放的服务站，请选“其他地点”。')).toBeInTheDocument();
});

test("another place: the address typed, its position picked, e.g. at one of the community's stations", async () => {
  const { form } = renderSection(EventPlaceSection, {}, { stations: [hall], community });
  await typeInto(screen.getByLabelText('活动地点'), '清洋社区广场');
  pickLandmark(screen.getByTestId('event-place'), hall.name);
  expect(form()).toMatchObject({ placeKind: 'address', stationId: null, address: '清洋社区广场', position: hall.location });
});
