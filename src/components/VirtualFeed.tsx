/**
 * Kept over Taro's VirtualList (@tarojs/components-advanced), measured 2026-12-05 (docs/PERFORMANCE.md):
 * it has no 4.2.1 release (4.2.0 pins a second @tarojs/components), it scrolls inside its own ScrollView of
 * a fixed height (the app's lists scroll the page, under their filters), and swapped in for this file it
 * grew the weapp main package by 21.7 KB (its code +24.3 KB in taro.js and vendors.js, this file's 2.1 KB
 * out of common.js). Variable heights (unlimitedSize) and load-more (onScrollToLower) it would have met.
 */
import { View } from '@tarojs/components';
import Taro, { usePageScroll } from '@tarojs/taro';
import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { PagedState } from '../hooks/useQuery';
import { useDisplay } from '../stores/display';
import { feedWindow } from './feedWindow';
import { LoadMore } from './LoadMore';

interface ItemProps<T> {
  renderItem: (item: T) => ReactNode;
  /** A first guess at an item's height in px at font scale 1, until items have been measured. */
  estimatedHeight?: number;
}

type Box = { id: string; top: number; height: number };

let feeds = 0;

/** The feed's box and its rendered items' boxes, relative to the screen. */
function measureFeed(feedId: string, done: (feed: Box | null, items: Box[]) => void): void {
  if (process.env.TARO_ENV === 'h5') {
    // Taro's h5 selector query wants a routed page (component tests have none); the DOM is right here.
    const box = (el: Element): Box => ({ id: el.id, top: el.getBoundingClientRect().top, height: el.getBoundingClientRect().height });
    const feed = document.getElementById(feedId);
    done(feed && box(feed), Array.from(document.querySelectorAll(`.${feedId}-item`), box));
    return;
  }
  const query = Taro.createSelectorQuery();
  query.select(`#${feedId}`).boundingClientRect();
  query.selectAll(`.${feedId}-item`).boundingClientRect();
  query.exec((res: [Box | null, Box[] | null] | null) => done(res?.[0] ?? null, res?.[1] ?? []));
}

/**
 * Which of `items` to render: those near the visible part of the page (Taro on weapp slows down and
 * can go blank with many list nodes), measured as they render (text scales with 长辈模式 and the
 * system font, so heights vary). The page itself scrolls, as everywhere else in the app: no inner
 * scroll area to get lost in. `items` must keep its identity until it changes (a new array means
 * new content to measure).
 */
function useFeedWindow<T extends { id: string }>(items: readonly T[], estimatedHeight: number) {
  const scale = useDisplay().textScale;
  const [feedId] = useState(() => `feed${++feeds}`);
  // A page not laid out yet (or jsdom) reports 0: assume a phone's screen.
  const viewportHeight = useMemo(() => Taro.getWindowInfo().windowHeight || 800, []);
  // Re-render only when the page has scrolled a quarter screen: the overscan (a whole screen) covers the rest.
  const step = viewportHeight / 4;
  const [scrollTop, setScrollTop] = useState(0);
  const lastScrollTop = useRef(0);
  // Measured heights hold for one text size: 长辈模式 or the system font changing them starts afresh.
  const [layout, setLayout] = useState<{ listTop: number; scale: number; heights: ReadonlyMap<string, number> }>({ listTop: 0, scale, heights: new Map() });

  usePageScroll(({ scrollTop: top }) => {
    lastScrollTop.current = top;
    setScrollTop((shown) => (Math.abs(top - shown) >= step ? top : shown));
  });

  const known = layout.scale === scale ? layout.heights : new Map<string, number>();
  const measured = [...known.values()];
  const guess = measured.length ? measured.reduce((a, b) => a + b, 0) / measured.length : estimatedHeight * scale;
  const heights = items.map((item) => known.get(item.id) ?? guess);
  const shown = feedWindow({ heights, listTop: layout.listTop, scrollTop, viewportHeight, overscan: viewportHeight });

  // Measure what is rendered, once Taro has laid it out.
  useEffect(() => {
    measureFeed(feedId, (box, rects) => {
      // Nothing laid out (a test's DOM): keep the guesses.
      if (!box || !(Number(box.height) > 0)) return;
      setLayout((old) => {
        const fresh = old.scale !== scale;
        const next = new Map(fresh ? [] : old.heights);
        let changed = fresh;
        for (const rect of rects) {
          const item = items[Number(rect.id.slice(feedId.length + 1))];
          const height = rect.height;
          if (!item || height <= 0 || Math.abs((next.get(item.id) ?? -1) - height) < 1) continue;
          next.set(item.id, height);
          changed = true;
        }
        const listTop = box.top + lastScrollTop.current;
        if (!changed && Math.abs(listTop - old.listTop) < 1) return old;
        return { listTop, scale, heights: changed ? next : old.heights };
      });
    });
  }, [feedId, items, shown.start, shown.end, scale]);

  return { feedId, shown };
}

type FeedWindowState = ReturnType<typeof useFeedWindow>;

function FeedItems<T extends { id: string }>({
  items,
  renderItem,
  feed: { feedId, shown },
  footer,
}: {
  items: readonly T[];
  renderItem: (item: T) => ReactNode;
  feed: FeedWindowState;
  footer?: ReactNode;
}) {
  return (
    <View id={feedId}>
      <View style={{ height: `${shown.spaceBefore}px` }} />
      {items.slice(shown.start, shown.end).map((item, i) => (
        <View key={item.id} id={`${feedId}-${shown.start + i}`} className={`${feedId}-item feed-item`}>
          {renderItem(item)}
        </View>
      ))}
      <View style={{ height: `${shown.spaceAfter}px` }} />
      {footer}
    </View>
  );
}

/** A long list that is all there (one answer, not paged), rendered a window at a time. */
export function VirtualList<T extends { id: string }>({ items, renderItem, estimatedHeight = 180 }: ItemProps<T> & { items: readonly T[] }) {
  const feed = useFeedWindow(items, estimatedHeight);
  return <FeedItems items={items} renderItem={renderItem} feed={feed} />;
}

/**
 * A long paged list, rendered a window at a time, that loads the next page when the end comes near.
 * LoadMore stays at the foot: a button to tap if loading did not start by itself, then the end.
 */
export function VirtualFeed<T extends { id: string }>({ list, renderItem, estimatedHeight = 180 }: ItemProps<T> & { list: PagedState<T> }) {
  const { items, status, hasMore, loadingMore, moreError, loadMore } = list;
  const feed = useFeedWindow(items, estimatedHeight);

  // Near the end of what is loaded: load the next page (not again after a failure: LoadMore offers 重试).
  const nearEnd = feed.shown.end >= items.length;
  useEffect(() => {
    if (nearEnd && status === 'ready' && hasMore && !loadingMore && !moreError) loadMore();
    // `loadMore` is new on every render; a new length means a page arrived: check again.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
  }, [nearEnd, status, hasMore, loadingMore, moreError, items.length]);

  return <FeedItems items={items} renderItem={renderItem} feed={feed} footer={<LoadMore list={list} />} />;
}
