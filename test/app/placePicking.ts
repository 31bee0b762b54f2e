import { fireEvent, within } from '@testing-library/react';
import type { LngLat } from '../../contract';
import { planeAround } from '../../src/packages/staff/placePlane';

/** The local plane's size in these tests (jsdom lays nothing out): a 300 px square at the page's corner. */
const PLANE_PX = 300;

/** Opens the h5 picker of the position field inside `scope` (选位置 or 重新选择). */
export function openPicker(scope: HTMLElement) {
  const field = within(scope.matches('[data-testid="position-field"]') ? scope : within(scope).getByTestId('position-field'));
  fireEvent.click(field.queryByText('在地图上选位置') ?? field.getByText('重新选择'));
  return within(field.getByTestId('place-picker'));
}

/** Taps the open plane where `target` lies, the plane centred on `centre`; returns the tapped pixel. */
export function tapPlane(picker: ReturnType<typeof openPicker>, centre: LngLat, target: LngLat) {
  const plane = picker.getByTestId('place-plane');
  plane.getBoundingClientRect = () => ({
    left: 0,
    top: 0,
    width: PLANE_PX,
    height: PLANE_PX,
    right: PLANE_PX,
    bottom: PLANE_PX,
    x: 0,
    y: 0,
    toJSON: () => ({}),
  });
  const { x, y } = planeAround(centre).pointOf(target);
  fireEvent.click(plane, { clientX: x * PLANE_PX, clientY: y * PLANE_PX });
}

/** Picks a landmark (e.g. "清洋社区中心") in the position field inside `scope` and confirms it. */
export function pickLandmark(scope: HTMLElement, name: string) {
  const picker = openPicker(scope);
  fireEvent.click(picker.getByText(`放在${name}`));
  fireEvent.click(picker.getByText('用这个位置'));
}
