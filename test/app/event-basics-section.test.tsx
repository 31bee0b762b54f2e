import { fireEvent, screen, waitFor } from '@testing-library/react';
import { EventBasicsSection } from '../../src/packages/staff/EventBasicsSection';
import { renderSection } from './eventFormHarness';
import { typeInto } from './mockTransport';
import { pagesAs } from './residentPages';

/** The editor's first section (packages/staff/EventBasicsSection): the event's type, name and description. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pagesAs('demo-staff');

test('a new event: the type is chosen, the name and description typed', async () => {
  const { form } = renderSection(EventBasicsSection, {}, { typeFixed: false });
  fireEvent.click(screen.getByText('百家宴'));
  await typeInto(screen.getByLabelText('活动名称'), '清洋社区百家宴');
  const textarea = await waitFor(() => {
    const el = screen.getByLabelText('活动介绍').querySelector('textarea');
    if (!el) throw new Error('the Textarea has not rendered its <textarea> yet');
    return el;
  });
  fireEvent.input(textarea, { target: { value: '每家带一道菜' } });
  expect(form()).toMatchObject({ type: 'banquet', title: '清洋社区百家宴', description: '每家带一道菜' });
});

test('an event already made keeps its type, said in words', () => {
  renderSection(EventBasicsSection, { type: 'banquet' }, { typeFixed: true });
  expect(screen.getByText('百家宴（建好后不能改类型）')).toBeInTheDocument();
  expect(screen.queryByText('幸福集市')).toBeNull();
});
