import { fireEvent, screen, within } from '@testing-library/react';
import { EventCapacitySection } from '../../src/packages/staff/EventCapacitySection';
import { renderSection } from './eventFormHarness';
import { typeInto } from './mockTransport';
import { pagesAs } from './residentPages';

/** The editor's numbers (packages/staff/EventCapacitySection): places, people per sign-up, approval, stalls or dishes. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

pagesAs('demo-staff');

test('a market counts stalls kind by kind; places, headcount and approval are typed and toggled', async () => {
  const { form } = renderSection(EventCapacitySection, {}, { editing: false });
  const caps = screen.getByTestId('caps');
  expect(caps).toHaveTextContent('摊位：每类几个');
  await typeInto(within(caps).getByLabelText('维修'), '5');
  await typeInto(screen.getByLabelText('名额'), '80');
  await typeInto(screen.getByLabelText('每份报名最多人数'), '4');
  fireEvent.click(screen.getByTestId('approval-toggle'));
  expect(form()).toMatchObject({ capacity: '80', maxHeadcount: '4', visitorsNeedApproval: true });
  expect(form().caps).toMatchObject({ repair: '5', handicraft: '4' });
  expect(screen.getByText(/摆摊申请总是要审核/)).toBeInTheDocument();
  expect(screen.queryByText('名额和数量不能少于已经报上的。')).toBeNull();
});

test('a banquet counts dishes; an event already made says what its changes may not undo', () => {
  renderSection(EventCapacitySection, { type: 'banquet' }, { editing: true });
  const caps = screen.getByTestId('caps');
  expect(caps).toHaveTextContent('菜品：每类最多几道');
  expect(within(caps).getByLabelText('热菜')).toBeInTheDocument();
  expect(within(caps).queryByLabelText('维修')).toBeNull();
  expect(screen.getByText('名额和数量不能少于已经报上的。')).toBeInTheDocument();
  expect(screen.getByText(/改动只影响之后的报名/)).toBeInTheDocument();
});
