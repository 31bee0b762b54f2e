import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ApiError, NETWORK_MESSAGE } from '../api/client';
import { identityStore } from '../stores/identity';

/**
 * Loading, error and reload for every page, in one place. A query re-runs when its deps change and
 * when the (local demo) identity changes, and ignores answers that arrive after a newer request.
 */
export type QueryStatus = 'loading' | 'ready' | 'error';

export interface QueryState<T> {
  status: QueryStatus;
  data: T | undefined;
  error: ApiError | undefined;
  reload: () => void;
  /** Loads again while still showing what is there (no loading state); a failure keeps the old data. */
  refresh: () => void;
}

export function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError('NETWORK', NETWORK_MESSAGE);
}

export function useQuery<T>(load: () => Promise<T>, deps: unknown[]): QueryState<T> {
  const identity = identityStore.use();
  const [state, setState] = useState<{ status: QueryStatus; data?: T; error?: ApiError }>({ status: 'loading' });
  const latest = useRef(0);
  const run = useCallback(() => {
    const ticket = ++latest.current;
    setState((s) => ({ ...s, status: 'loading', error: undefined }));
    load().then(
      (data) => ticket === latest.current && setState({ status: 'ready', data }),
      (err) => ticket === latest.current && setState({ status: 'error', error: toApiError(err) }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, identity]);
  useEffect(run, [run]);
  const refresh = useCallback(() => {
    const ticket = ++latest.current;
    load().then(
      (data) => ticket === latest.current && setState({ status: 'ready', data }),
      () => undefined,
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, identity]);
  return { status: state.status, data: state.data, error: state.error, reload: run, refresh };
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PagedState<T> extends QueryState<T[]> {
  items: T[];
  hasMore: boolean;
  loadingMore: boolean;
  moreError: ApiError | undefined;
  loadMore: () => void;
}

/** A cursor-paged list: the first page like useQuery, then more on demand. */
export function usePagedQuery<T>(loadPage: (cursor: string | undefined) => Promise<Page<T>>, deps: unknown[]): PagedState<T> {
  const [more, setMore] = useState<{ items: T[]; cursor: string | null; loading: boolean; error?: ApiError }>({ items: [], cursor: null, loading: false });
  const first = useQuery(async () => {
    const page = await loadPage(undefined);
    setMore({ items: [], cursor: page.nextCursor, loading: false });
    return page.items;
  }, deps);
  // One array until a page arrives or the list reloads: VirtualFeed measures again when it changes.
  const items = useMemo(() => [...(first.data ?? []), ...more.items], [first.data, more.items]);
  const loadMore = () => {
    if (!more.cursor || more.loading) return;
    const cursor = more.cursor;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    loadPage(cursor).then(
      (page) => setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false })),
      (err) => setMore((m) => ({ ...m, loading: false, error: toApiError(err) })),
    );
  };
  return { ...first, items, hasMore: Boolean(more.cursor), loadingMore: more.loading, moreError: more.error, loadMore };
}
