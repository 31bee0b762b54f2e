import { render, screen } from '@testing-library/react';
import { passUrl } from '../../src/components/CheckInCode';
import PassPage from '../../src/packages/pass/index';
import { routeParams } from './mockTransport';
import { pagesAs } from './residentPages';

/** The pass page: the code as a QR image, drawn in the app, with what it is for and the code in words. */
jest.mock('../../src/api/transport', () => ({ callCloudFunction: jest.fn(), initCloud: jest.fn() }));
jest.mock('@tarojs/taro', () => require('./taroMock').taroModuleWithStubs());

const ui = pagesAs('demo-resident');

/** The route parameters the pass page gets when CheckInCode opens it. */
function openedWith(code: string, title: string) {
  const query = passUrl(code, title).split('?')[1];
  routeParams(Object.fromEntries(query.split('&').map((pair) => pair.split('=') as [string, string])));
}

test('a booking code: its title, a QR image of the whole code, and the code in groups of four', () => {
  openedWith('XFJY1:ABCD2345', '福老汇理发队 11月28日 周六 09:00–09:30');
  render(<PassPage />);
  expect(screen.getByText('福老汇理发队 11月28日 周六 09:00–09:30')).toBeInTheDocument();
  expect(screen.getByText('签到码 ABCD 2345')).toBeInTheDocument();
  const img = screen.getByTestId('check-in-qr').querySelector('taro-image-core, img');
  expect(img?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/);
});

test('different codes draw different images', () => {
  const imageOf = (code: string) => {
    openedWith(code, '幸福集市');
    const { unmount } = render(<PassPage />);
    const src = screen.getByTestId('check-in-qr').querySelector('taro-image-core, img')?.getAttribute('src');
    unmount();
    return src;
  };
  expect(imageOf('XFJY2:AAAA1111')).not.toEqual(imageOf('XFJY2:AAAA1112'));
});

test('opened without a code, it says so and offers the way back', () => {
  render(<PassPage />);
  expect(screen.getByRole('alert')).toHaveTextContent('没有找到签到码');
  screen.getByText('返回').click();
  expect(ui.navigateBack).toHaveBeenCalled();
});
