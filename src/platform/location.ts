import Taro from '@tarojs/taro';
import { isInChina, LngLat } from '../../contract';
import { wgs84ToGcj02 } from '../../rules/geo';

/**
 * Where the resident is, asked only when they tap for it, as GCJ-02 (our data, WeChat's maps and the
 * database use it) on every platform: weapp asks WeChat for GCJ-02, the browser gives WGS-84, converted here.
 */
export type LocateResult =
  | { kind: 'position'; position: LngLat }
  /** Not allowed (the privacy guide or the location permission was refused); on weapp the settings page may grant it. */
  | { kind: 'refused'; canOpenSettings: boolean }
  /** Allowed but no usable position (no signal, timed out, or outside the area the app serves). */
  | { kind: 'unavailable' };

const BROWSER_TIMEOUT_MS = 15_000;

export function locateMe(): Promise<LocateResult> {
  return process.env.TARO_ENV === 'weapp' ? locateOnWeapp() : locateInBrowser();
}

function positionResult(position: LngLat): LocateResult {
  return isInChina(position) ? { kind: 'position', position } : { kind: 'unavailable' };
}

function locateInBrowser(): Promise<LocateResult> {
  const geolocation = typeof navigator === 'undefined' ? undefined : navigator.geolocation;
  if (!geolocation) return Promise.resolve({ kind: 'unavailable' });
  return new Promise((resolve) =>
    geolocation.getCurrentPosition(
      ({ coords }) => resolve(positionResult(wgs84ToGcj02({ lng: coords.longitude, lat: coords.latitude }))),
      // GeolocationPositionError.PERMISSION_DENIED is 1; the others are "no fix" and "timed out".
      (error) => resolve(error.code === 1 ? { kind: 'refused', canOpenSettings: false } : { kind: 'unavailable' }),
      { enableHighAccuracy: true, timeout: BROWSER_TIMEOUT_MS, maximumAge: 60_000 },
    ),
  );
}

/**
 * WeChat lets private APIs run only once the user has agreed to the mini-program's privacy guide:
 * requirePrivacyAuthorize shows WeChat's own consent sheet when that is still needed (older WeChat: no check).
 */
function agreedToPrivacyGuide(): Promise<boolean> {
  if (typeof Taro.requirePrivacyAuthorize !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) }));
}

async function locationPermission(): Promise<boolean | undefined> {
  try {
    const { authSetting } = await Taro.getSetting();
    return authSetting['scope.userLocation'];
  } catch {
    return undefined;
  }
}

async function locateOnWeapp(): Promise<LocateResult> {
  if (!(await agreedToPrivacyGuide())) return { kind: 'refused', canOpenSettings: false };
  // Once refused, WeChat does not ask again: getLocation fails at once and only the settings page can grant it.
  if ((await locationPermission()) === false) return { kind: 'refused', canOpenSettings: true };
  try {
    const { longitude, latitude } = await Taro.getLocation({ type: 'gcj02' });
    return positionResult({ lng: longitude, lat: latitude });
  } catch (err) {
    const message = (err as { errMsg?: string }).errMsg ?? '';
    return /auth|deny/i.test(message) ? { kind: 'refused', canOpenSettings: true } : { kind: 'unavailable' };
  }
}

/** weapp: opens the settings page (needs a tap); true when the resident has now allowed location. */
export async function allowLocationInSettings(): Promise<boolean> {
  try {
    const { authSetting } = await Taro.openSetting();
    return authSetting['scope.userLocation'] === true;
  } catch {
    return false;
  }
}

/** weapp: a point picked on WeChat's map (GCJ-02), the map opening at `start` when given; null when cancelled. */
export async function pickOnMap(start?: LngLat): Promise<{ position: LngLat; name: string; address: string } | null> {
  if (!(await agreedToPrivacyGuide())) return null;
  try {
    const { longitude, latitude, name, address } = await Taro.chooseLocation(start ? { latitude: start.lat, longitude: start.lng } : {});
    return { position: { lng: longitude, lat: latitude }, name: name || address || '地图上选的位置', address: address || name || '' };
  } catch {
    return null;
  }
}

/** weapp: WeChat's map of a place, from which the resident can start navigation. */
export function showPlaceOnMap(place: { location: LngLat; name: string; address: string }): void {
  void Taro.openLocation({ latitude: place.location.lat, longitude: place.location.lng, name: place.name, address: place.address, scale: 17 }).catch(
    () => undefined,
  );
}
