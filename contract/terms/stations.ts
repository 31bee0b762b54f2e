/** Party-and-mass service stations (党群服务站) at four levels, and the 15-minute circle around them. */
export const STATION_LEVELS = ['district', 'street', 'community', 'compound'] as const;

export type StationLevel = (typeof STATION_LEVELS)[number];

export const STATION_LEVEL_LABELS: Record<StationLevel, string> = {
  district: '区级',
  street: '街道级',
  community: '社区级',
  compound: '小区级',
};

/** Services residents look for most, offered as filters; a station may list others too. */
export const STATION_SERVICE_FILTERS = ['理发', '法律咨询', '图书', '党员活动', '健康咨询', '助餐', '便民维修', '四点半课堂', '政务代办', '快递代收'] as const;

/** The 15-minute circle: 15 minutes on foot at 80 m/min (see rules/geo.ts for how walking distance is estimated). */
export const WALKING_METRES_PER_MINUTE = 80;

export const CIRCLE_MINUTES = 15;
