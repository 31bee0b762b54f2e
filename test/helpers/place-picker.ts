import type { Locator } from 'playwright-core';
import type { LngLat } from '../../contract';
import { planeAround } from '../../src/packages/staff/placePlane';

/**
 * The staff's position field in Chromium (the h5 build's local picker): open it, place the pin by tapping
 * the plane where `target` lies (the plane opened on `centre`) or at a landmark, and confirm.
 */
async function openPicker(scope: Locator): Promise<Locator> {
  const field = scope.getByTestId('position-field');
  await field.locator('taro-button-core', { hasText: /^(在地图上选位置|重新选择)$/ }).click();
  return field.getByTestId('place-picker');
}

async function confirm(picker: Locator): Promise<void> {
  await picker.locator('taro-button-core', { hasText: '用这个位置' }).click();
  await picker.waitFor({ state: 'detached' });
}

export async function pickOnPlane(scope: Locator, centre: LngLat, target: LngLat): Promise<void> {
  const picker = await openPicker(scope);
  // Far from where the plane opens, it is moved (half its width a tap) until the target is well inside.
  let shown = planeAround(centre);
  for (let moves = 0; moves < 20; moves += 1) {
    const { x, y } = shown.pointOf(target);
    const east = x > 0.9 ? 1 : x < 0.1 ? -1 : 0;
    const north = y < 0.1 ? 1 : y > 0.9 ? -1 : 0;
    if (!east && !north) break;
    const direction = east ? (east > 0 ? '东' : '西') : north > 0 ? '北' : '南';
    await picker.locator(`taro-button-core[aria-label="地图往${direction}看"]`).click();
    shown = planeAround(east ? shown.moved(east, 0) : shown.moved(0, north));
  }
  const plane = picker.getByTestId('place-plane');
  // A tap lands only on what is on screen.
  await plane.scrollIntoViewIfNeeded();
  const box = await plane.boundingBox();
  if (!box) throw new Error('the plane is not on screen');
  const { x, y } = shown.pointOf(target);
  // The page's own coordinates, as the plane measures a tap (its border box).
  await plane.page().mouse.click(box.x + x * box.width, box.y + y * box.height);
  await picker.getByTestId('place-pin').waitFor();
  await confirm(picker);
}

export async function pickLandmark(scope: Locator, name: string): Promise<void> {
  const picker = await openPicker(scope);
  await picker.locator('taro-button-core', { hasText: `放在${name}` }).click();
  await confirm(picker);
}
