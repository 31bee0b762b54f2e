import { fireEvent, screen } from '@testing-library/react';
import { EventTimesSection } from '../../src/packages/staff/EventTimesSection';
import { renderSection } from './eventFormHarness';
import { pagesAs } from './residentPages';

/** The editor's times section (packages/staff/EventTimesSection): start, end and deadline, a day and a time each. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pagesAs('demo-staff');
const pick = (label: string, value: string) =>
  fireEvent(screen.getByLabelText(label).closest('taro-picker-core')!, new CustomEvent('change', { detail: { value } }));

test('a new event starts a week ahead, 09:00–11:30, sign-up closing the evening before', () => {
  renderSection(EventTimesSection);
  expect(screen.getByLabelText('开始时间')).toHaveTextContent('09:00');
  expect(screen.getByLabelText('结束时间')).toHaveTextContent('11:30');
  expect(screen.getByLabelText('报名截止时间')).toHaveTextContent('18:00');
  expect(screen.getByLabelText('开始日期')).toHaveTextContent('12月1日');
  expect(screen.getByLabelText('报名截止日期')).toHaveTextContent('11月30日');
});

test('each picker changes its own field', () => {
  const { form } = renderSection(EventTimesSection);
  pick('结束日期', '2026-12-02');
  pick('结束时间', '17:00');
  pick('报名截止时间', '12:00');
  expect(form()).toMatchObject({ startDate: '2026-12-01', endDate: '2026-12-02', endTime: '17:00', deadlineTime: '12:00', startTime: '09:00' });
});
