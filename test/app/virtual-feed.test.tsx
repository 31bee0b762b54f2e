import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { VirtualFeed, VirtualList } from '../../src/components/VirtualFeed';
import { Page, usePagedQuery } from '../../src/hooks/useQuery';

/**
 * VirtualFeed on Taro's h5 components in jsdom. jsdom lays nothing out: items keep the feed's guessed
 * height (180 px) unless a test gives them a size; the window is 768 px high. The page's scroll
 * reaches the feed through Taro's usePageScroll, which the test drives as the page would.
 */
type Item = { id: string; name: string };
const GUESS = 180;
const items = (from: number, count: number): Item[] => Array.from({ length: count }, (_, i) => ({ id: `i${from + i}`, name: `第${from + i}项` }));

// jsdom's window has no height: give it a phone's.
beforeAll(() => Object.defineProperty(document.documentElement, 'clientHeight', { value: 768, configurable: true }));
afterAll(() => Reflect.deleteProperty(document.documentElement, 'clientHeight'));

let scrollPage: (scrollTop: number) => void = () => undefined;
const taro = Taro as unknown as Record<string, unknown>;
const inertPageScroll = taro.usePageScroll;
beforeEach(() => {
  taro.usePageScroll = (handler: (e: { scrollTop: number }) => void) => {
    scrollPage = (scrollTop) => act(() => handler({ scrollTop }));
  };
});
afterEach(() => {
  taro.usePageScroll = inertPageScroll;
  jest.restoreAllMocks();
});

/** `total` items served `pageSize` at a time; `failAt` makes the page starting there fail. */
function server(total: number, pageSize: number, failAt?: number) {
  const load = jest.fn(async (cursor: string | undefined): Promise<Page<Item>> => {
    const from = Number(cursor ?? 0);
    if (from === failAt) throw new Error('offline');
    const next = from + pageSize;
    return { items: items(from, Math.min(pageSize, total - from)), nextCursor: next < total ? String(next) : null };
  });
  return load;
}

function Feed({ load }: { load: (cursor: string | undefined) => Promise<Page<Item>> }) {
  const list = usePagedQuery(load, []);
  return list.status === 'ready' ? (
    <VirtualFeed
      list={list}
      renderItem={(item) => (
        <View className='card' data-testid='row'>
          {item.name}
        </View>
      )}
    />
  ) : null;
}

const rows = () => screen.queryAllByTestId('row').map((r) => r.textContent);
const names = (from: number, to: number) => items(from, to - from).map((i) => i.name);

describe('VirtualFeed', () => {
  test('of 500 loaded items it renders only those near the screen, the first ones first and in order, and says where the list ends', async () => {
    render(<Feed load={server(500, 500)} />);
    expect(await screen.findByText('没有更多了，共 500 条')).toBeInTheDocument();
    // The screen (768) and one screen of overscan below it, at 180 px an item: 9 items.
    expect(rows()).toEqual(names(0, 9));
    // The rest of the list is there as space, so the page keeps its length.
    const spacerAfter = screen.getAllByTestId('row').at(-1)!.parentElement!.nextElementSibling as HTMLElement;
    expect(spacerAfter.style.height).toBe(`${(500 - 9) * GUESS}px`);
  });

  test('scrolling the page moves the window: items above leave, items below arrive, never more than a bounded few', async () => {
    render(<Feed load={server(500, 500)} />);
    await screen.findByText('第0项');
    scrollPage(250 * GUESS);
    // From one screen (768 px) above the top (item 245 reaches into it) to one screen below the bottom (item 258).
    await waitFor(() => expect(rows()).toEqual(names(245, 259)));
    expect(screen.queryByText('第0项')).toBeNull();
    scrollPage(0);
    await waitFor(() => expect(rows()).toEqual(names(0, 9)));
  });

  test('taller items, once measured (larger text), are rendered fewer at a time', async () => {
    // A layout for jsdom: text at 长辈模式 size, every item 400 px high; the feed at the top of the page.
    jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (this: HTMLElement) {
      const height = this.classList.contains('feed-item') ? 400 : /^feed\d+$/.test(this.id) ? 500 * 400 : 0;
      return { x: 0, y: 0, top: 0, left: 0, right: 0, bottom: height, width: 0, height, toJSON: () => ({}) } as DOMRect;
    });
    render(<Feed load={server(500, 500)} />);
    await screen.findByText('第0项');
    // 1536 px (the screen and one below) at 400 px an item: 4 items.
    await waitFor(() => expect(rows()).toEqual(names(0, 4)));
  });

  test('scrolling near the end of what is loaded loads the next page by itself, until the end', async () => {
    const load = server(60, 20);
    render(<Feed load={load} />);
    await screen.findByText('第0项');
    expect(load.mock.calls).toEqual([[undefined]]);
    expect(screen.getByText('加载更多')).toBeInTheDocument();

    // Not yet: the last loaded item (ending at 3600 px) is more than a screen below the screen's bottom.
    scrollPage(20 * GUESS - 768 * 2 - 2 * GUESS);
    await new Promise((r) => setTimeout(r, 50));
    expect(load.mock.calls).toHaveLength(1);
    // Now it has come within a screen of it.
    scrollPage(20 * GUESS - 768 * 2);
    await waitFor(() => expect(load.mock.calls).toEqual([[undefined], ['20']]));
    scrollPage(40 * GUESS - 768);
    await waitFor(() => expect(load.mock.calls).toEqual([[undefined], ['20'], ['40']]));
    expect(await screen.findByText('没有更多了，共 60 条')).toBeInTheDocument();
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  test('the 加载更多 button loads the next page; a failed page offers 重试 and is not retried by itself', async () => {
    const load = server(60, 20, 40);
    render(<Feed load={load} />);
    await screen.findByText('第0项');
    fireEvent.click(screen.getByText('加载更多'));
    await waitFor(() => expect(load.mock.calls).toEqual([[undefined], ['20']]));
    scrollPage(40 * GUESS - 768);
    expect(await screen.findByText('重试')).toBeInTheDocument();
    expect(load.mock.calls).toEqual([[undefined], ['20'], ['40']]);
    scrollPage(40 * GUESS);
    await new Promise((r) => setTimeout(r, 50));
    expect(load.mock.calls).toHaveLength(3);
  });
});

describe('VirtualList (a whole list from one answer, not paged)', () => {
  test('renders the items near the screen of a plain array, follows the page scroll to the last one, and offers no 加载更多', async () => {
    render(
      <VirtualList
        items={items(0, 300)}
        renderItem={(item) => (
          <View className='card' data-testid='row'>
            {item.name}
          </View>
        )}
      />,
    );
    expect(rows()).toEqual(names(0, 9));
    // The last item at the top of the screen: from one screen above it (item 294 reaches into it) to the end.
    scrollPage(299 * GUESS);
    await waitFor(() => expect(rows()).toEqual(names(294, 300)));
    expect(screen.queryByText('加载更多')).toBeNull();
    expect(screen.queryByText(/没有更多了/)).toBeNull();
  });
});
