import { act, fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import CustomTabBar, { TAB_BAR_ELDER_SCALE, TAB_BAR_MAX_SCALE } from '../../src/custom-tab-bar';
import { setElderMode } from '../../src/stores/display';
import { shownTabStore } from '../../src/stores/tabBar';
import { TAB_COLORS, TABS } from '../../src/tabs';

jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro');
  return { ...actual, __esModule: true, default: { ...actual.default, switchTab: jest.fn() }, switchTab: jest.fn() };
});

/** WeChat's font setting as a factor, read once when the app starts; a test may set it before rendering. */
let mockSystemFontScale = 1;
jest.mock('../../src/stores/display', () => {
  const actual = jest.requireActual('../../src/stores/display');
  return {
    ...actual,
    get systemFontScale() {
      return mockSystemFontScale;
    },
  };
});

// WeChat's accessibility attributes (aria-role, aria-selected) as the component renders them.
const tabs = () => Array.from(document.querySelectorAll('[aria-role="tab"]'));
const selectedTabs = () => tabs().filter((tab) => tab.getAttribute('aria-selected') === 'true');

describe('the weapp tab bar', () => {
  afterEach(() => {
    act(() => setElderMode(false));
    mockSystemFontScale = 1;
  });

  test('marks the tab on screen by colour, bold label and underline, and the others not', () => {
    act(() => shownTabStore.set('pages/stations/index'));
    render(<CustomTabBar />);
    expect(tabs().map((tab) => tab.textContent)).toEqual(['服务', '活动', '服务站', '我的']);
    const selected = selectedTabs();
    expect(selected.map((tab) => tab.textContent)).toEqual(['服务站']);
    expect(selected[0]).toHaveClass('tab-bar-item-selected');
    expect(selected[0].querySelector('.tab-bar-label')).toHaveStyle({ color: TAB_COLORS.selectedColor });
    expect(selected[0].querySelector('taro-image-core')?.getAttribute('src')).toBe('/assets/tabbar/stations-selected.png');
    expect(tabs()[0]).not.toHaveClass('tab-bar-item-selected');
    expect(tabs()[0].querySelector('.tab-bar-label')).toHaveStyle({ color: TAB_COLORS.color });
  });

  test('follows the tab a page says is shown', () => {
    act(() => shownTabStore.set('pages/service/index'));
    render(<CustomTabBar />);
    act(() => shownTabStore.set('pages/me/index'));
    expect(selectedTabs().map((tab) => tab.textContent)).toEqual(['我的']);
  });

  test('a tap switches to that tab', () => {
    render(<CustomTabBar />);
    fireEvent.click(screen.getByText('活动'));
    expect(Taro.switchTab).toHaveBeenCalledWith({ url: '/pages/events/index' });
  });

  test('grows half as large again in 长辈模式', () => {
    const { container } = render(<CustomTabBar />);
    const bar = container.firstElementChild as HTMLElement;
    expect(bar.getAttribute('style')).toContain('--tab-scale: 1;');
    act(() => setElderMode(true));
    expect(bar.getAttribute('style')).toContain(`--tab-scale: ${TAB_BAR_ELDER_SCALE};`);
  });

  test('follows WeChat’s largest font setting only as far as the longest label still fits its quarter of the bar', () => {
    mockSystemFontScale = 2;
    const { container } = render(<CustomTabBar />);
    expect((container.firstElementChild as HTMLElement).getAttribute('style')).toContain(`--tab-scale: ${TAB_BAR_MAX_SCALE};`);
    // Labels are 32 design units (of 750 across) times the scale; each tab has a quarter of the width.
    const longest = Math.max(...TABS.map((tab) => tab.text.length));
    expect(longest * 32 * TAB_BAR_MAX_SCALE).toBeLessThanOrEqual(750 / TABS.length);
  });
});
