import type { z } from 'zod';
import { LngLat, OpeningException, OpeningHours, OpeningPeriod, Station, StationLevel, stationsContract } from '../../../contract';
import { exceptionsProblem, openingHoursProblem, stationScopeProblem } from '../../../rules/station-checks';
import { checkPosition } from './PositionField';

/** The station editor's form: what is typed (text) until it is checked and sent. */
export interface StationForm {
  name: string;
  level: StationLevel;
  communityId: string | null;
  streetId: string | null;
  address: string;
  /** Picked on the map (GCJ-02). */
  position: LngLat | null;
  phone: string;
  services: string[];
  openingHours: OpeningHours;
  exceptions: OpeningException[];
}

/** Where a problem is shown: beside its field, or above the save button. */
export type FormField = 'name' | 'level' | 'communityId' | 'streetId' | 'address' | 'location' | 'phone' | 'services' | 'openingHours' | 'exceptions' | 'form';
export type FormProblems = Partial<Record<FormField, string>>;

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
const WORKDAYS: Weekday[] = ['2', '3', '4', '5'];

export function newStationForm(communityId: string | null): StationForm {
  return {
    name: '',
    level: communityId ? 'community' : 'street',
    communityId,
    streetId: null,
    address: '',
    position: null,
    phone: '',
    services: [],
    openingHours: { '1': [{ open: '08:30', close: '17:30' }] },
    exceptions: [],
  };
}

export function formOf(station: Station): StationForm {
  return {
    name: station.name,
    level: station.level,
    communityId: station.communityId,
    streetId: station.communityId ? null : station.streetId,
    address: station.address,
    position: station.location,
    phone: station.phone,
    services: station.services,
    openingHours: station.openingHours,
    exceptions: station.exceptions,
  };
}

/** A new period: the morning, then the afternoon, then the evening; the staff adjust the times. */
export function nextPeriod(periods: OpeningPeriod[]): OpeningPeriod {
  const last = periods[periods.length - 1];
  if (!last) return { open: '08:30', close: '12:00' };
  if (last.open < last.close && last.close <= '13:30') return { open: '13:30', close: '17:30' };
  return { open: '18:30', close: '20:30' };
}

/** Monday's periods for Tuesday to Friday too: most stations keep the same hours on working days. */
export function copyMondayToWorkdays(hours: OpeningHours): OpeningHours {
  const monday = hours['1'] ?? [];
  return { ...hours, ...Object.fromEntries(WORKDAYS.map((day) => [day, monday.map((p) => ({ ...p }))])) };
}

const FIELD_OF_PATH: Record<string, FormField> = {
  name: 'name',
  address: 'address',
  phone: 'phone',
  services: 'services',
  openingHours: 'openingHours',
  exceptions: 'exceptions',
  location: 'location',
};

/**
 * The input to send, or the problems in Chinese by field: the contract's own messages and the same
 * rules the function applies (rules/station-checks.ts), so most mistakes show before saving.
 */
/** What `stations.save` takes. */
export type StationSaveInput = z.input<typeof stationsContract.save.input>;

export function checkStationForm(form: StationForm, stationId?: string): { problems: FormProblems; input?: StationSaveInput } {
  const problems: FormProblems = {};
  const position = checkPosition(form.position);
  if (typeof position === 'string') problems.location = position;
  const scope = stationScopeProblem(form);
  if (scope) problems[form.level === 'community' || form.level === 'compound' ? 'communityId' : form.communityId ? 'communityId' : 'streetId'] = scope;
  const hours = openingHoursProblem(form.openingHours);
  if (hours) problems.openingHours = hours;
  const exceptions = exceptionsProblem(form.exceptions);
  if (exceptions) problems.exceptions = exceptions;
  const input: StationSaveInput = {
    ...(stationId ? { stationId } : {}),
    name: form.name,
    level: form.level,
    communityId: form.communityId,
    streetId: form.communityId ? null : form.streetId,
    address: form.address,
    location: typeof position === 'string' ? { lng: 0, lat: 0 } : position,
    phone: form.phone,
    services: form.services,
    openingHours: form.openingHours,
    exceptions: form.exceptions,
  };
  const parsed = stationsContract.save.input.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = FIELD_OF_PATH[String(issue.path[0])] ?? 'form';
      if (problems[field]) continue;
      problems[field] = /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : '这一项填写有误，请检查';
    }
  }
  return Object.keys(problems).length ? { problems } : { problems, input };
}
