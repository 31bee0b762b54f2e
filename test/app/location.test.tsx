import { wgs84ToGcj02 } from '../../rules/geo';
import { locateMe } from '../../src/platform/location';

/** The browser's position (WGS-84) reaches the app as GCJ-02; refusals and failures come back typed. */
function fakeGeolocation(answer: (success: PositionCallback, failure: PositionErrorCallback) => void) {
  const getCurrentPosition = jest.fn((success: PositionCallback, failure?: PositionErrorCallback | null) => answer(success, failure!));
  Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  return getCurrentPosition;
}
const fix = (lng: number, lat: number) => ({ coords: { longitude: lng, latitude: lat, accuracy: 10 } }) as GeolocationPosition;
const failure = (code: number) => ({ code, message: '' }) as GeolocationPositionError;

describe('locateMe on h5', () => {
  test('converts the browser’s WGS-84 fix to GCJ-02 (hundreds of metres of offset in Fushan)', async () => {
    fakeGeolocation((ok) => ok(fix(121.2676, 37.4966)));
    const result = await locateMe();
    expect(result).toEqual({ kind: 'position', position: wgs84ToGcj02({ lng: 121.2676, lat: 37.4966 }) });
    if (result.kind !== 'position') throw new Error('no position');
    expect(result.position.lng - 121.2676).toBeGreaterThan(0.004);
    expect(result.position.lat - 37.4966).toBeGreaterThan(0);
  });

  test('permission denied is a refusal; no fix or a timeout is "unavailable"', async () => {
    fakeGeolocation((_ok, fail) => fail(failure(1)));
    expect(await locateMe()).toEqual({ kind: 'refused', canOpenSettings: false });
    fakeGeolocation((_ok, fail) => fail(failure(2)));
    expect(await locateMe()).toEqual({ kind: 'unavailable' });
    fakeGeolocation((_ok, fail) => fail(failure(3)));
    expect(await locateMe()).toEqual({ kind: 'unavailable' });
  });

  test('a browser without geolocation, or a position outside the area the contract accepts, is "unavailable"', async () => {
    Object.defineProperty(navigator, 'geolocation', { value: undefined, configurable: true });
    expect(await locateMe()).toEqual({ kind: 'unavailable' });
    fakeGeolocation((ok) => ok(fix(-0.1276, 51.5072))); // London: no GCJ-02 offset, and not a place we serve
    expect(await locateMe()).toEqual({ kind: 'unavailable' });
  });
});
