/** navigator.geolocation as a browser gives it: a WGS-84 fix, or an error code (1 = permission denied). */
export function fakeGeolocation(outcome: { lng: number; lat: number } | { code: number }) {
  const getCurrentPosition = jest.fn((success: PositionCallback, failure?: PositionErrorCallback | null) => {
    if ('code' in outcome) failure?.({ code: outcome.code, message: 'denied' } as GeolocationPositionError);
    else success({ coords: { longitude: outcome.lng, latitude: outcome.lat, accuracy: 10 } } as GeolocationPosition);
  });
  Object.defineProperty(navigator, 'geolocation', { value: { getCurrentPosition }, configurable: true });
  return getCurrentPosition;
}
