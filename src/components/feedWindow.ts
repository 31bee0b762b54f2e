/**
 * Which items of a vertical list to render: those within `overscan` px of the visible part of the
 * page, given each item's height (measured, or a guess until measured). The rest are replaced by
 * two spacers of their total height so the page keeps its length and scroll position.
 */
export interface FeedWindowInput {
  heights: number[];
  /** Where the list starts, in px from the top of the scrolled page. */
  listTop: number;
  scrollTop: number;
  viewportHeight: number;
  overscan: number;
}

export interface FeedWindow {
  /** First rendered index. */
  start: number;
  /** One past the last rendered index. */
  end: number;
  /** Height of the items above `start` and below `end`. */
  spaceBefore: number;
  spaceAfter: number;
}

export function feedWindow({ heights, listTop, scrollTop, viewportHeight, overscan }: FeedWindowInput): FeedWindow {
  const from = scrollTop - overscan - listTop;
  const to = scrollTop + viewportHeight + overscan - listTop;
  let start = 0;
  let spaceBefore = 0;
  while (start < heights.length && spaceBefore + heights[start] <= from) spaceBefore += heights[start++];
  let end = start;
  let bottom = spaceBefore;
  while (end < heights.length && bottom < to) bottom += heights[end++];
  // At least one item, so that a list scrolled past (or a guess far off) still shows something to measure.
  if (end === start && start < heights.length) end++;
  let spaceAfter = 0;
  for (let i = end; i < heights.length; i++) spaceAfter += heights[i];
  return { start, end, spaceBefore, spaceAfter };
}
