/**
 * The request list's data: the first page from the logs API, older pages on demand, and new records
 * from the live tail. A new record is shown at once while the reader is at the top of the list; when
 * they have scrolled down or paused, it waits in `pending` so the rows they are reading stay put.
 */
import type { RequestRecordV1 } from '@ai-gateway/spec';
import { useEffect, useRef, useState } from 'preact/hooks';
import { fetchLogs, openLiveTail } from '../lib/api.js';

export interface LiveLog {
  records: RequestRecordV1[];
  pending: RequestRecordV1[];
  nextCursor: string | null;
  loading: boolean;
  error: string | null;
  errorStatus: number;
  connected: boolean;
  paused: boolean;
  setPaused(paused: boolean): void;
  showPending(): void;
  loadMore(): void;
}

const pageSize = 50;
/** How near the top (in pixels) still counts as "at the top" for showing new records at once. */
const topSlack = 8;

function merge(newer: RequestRecordV1[], older: RequestRecordV1[]): RequestRecordV1[] {
  const merged = new Map<string, RequestRecordV1>();
  for (const record of [...newer, ...older]) if (!merged.has(record.trace_id)) merged.set(record.trace_id, record);
  return [...merged.values()];
}

export function useLiveLog(filters: URLSearchParams): LiveLog {
  const [records, setRecords] = useState<RequestRecordV1[]>([]);
  const [pending, setPending] = useState<RequestRecordV1[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ message: string; status: number } | null>(null);
  const [connected, setConnected] = useState(false);
  const [paused, setPausedState] = useState(false);
  const holding = useRef(false);
  const pausedRef = useRef(false);
  // What is on screen or waiting, for the catch-up after the live tail (re)connects.
  const knownRef = useRef<RequestRecordV1[]>([]);
  knownRef.current = [...pending, ...records];
  const key = filters.toString();

  const flush = () => {
    setPending((waiting) => {
      if (waiting.length > 0) setRecords((shown) => merge(waiting, shown));
      return [];
    });
  };

  useEffect(() => {
    const onScroll = () => {
      const wasHolding = holding.current;
      holding.current = scrollY > topSlack;
      if (wasHolding && !holding.current && !pausedRef.current) flush();
    };
    addEventListener('scroll', onScroll, { passive: true });
    return () => removeEventListener('scroll', onScroll);
  }, []);

  useEffect(() => {
    const abort = new AbortController();
    setRecords([]);
    setPending([]);
    setLoading(true);
    setError(null);
    const search = new URLSearchParams(filters);
    search.set('limit', String(pageSize));
    fetchLogs(search, abort.signal)
      .then((page) => {
        setRecords((arrived) => merge(arrived, page.data));
        setNextCursor(page.next_cursor);
      })
      .catch((failure) => abort.signal.aborted || setError({ message: failure.message, status: failure.status ?? 0 }))
      .finally(() => abort.signal.aborted || setLoading(false));
    const onRecord = (record: RequestRecordV1) => {
      if (holding.current || pausedRef.current) setPending((waiting) => merge([record], waiting));
      else setRecords((shown) => merge([record], shown));
    };
    // The tail sends what is built once it is connected: a record built between the first page's
    // query and the connection (or while the tail was reconnecting) would otherwise never show.
    // Each time it connects, the newest page is read again and what it holds that is not on
    // screen goes the way of a tail record.
    const catchUp = () => {
      fetchLogs(search, abort.signal)
        .then((page) => {
          const known = new Set(knownRef.current.map((record) => record.trace_id));
          for (const record of [...page.data].reverse()) if (!known.has(record.trace_id)) onRecord(record);
        })
        .catch(() => undefined);
    };
    const close = openLiveTail(filters, onRecord, (connected) => {
      setConnected(connected);
      if (connected) catchUp();
    });
    return () => {
      abort.abort();
      close();
    };
  }, [key]);

  return {
    records,
    pending,
    nextCursor,
    loading,
    error: error?.message ?? null,
    errorStatus: error?.status ?? 0,
    connected,
    paused,
    setPaused(value) {
      pausedRef.current = value;
      setPausedState(value);
      if (!value && !holding.current) flush();
    },
    showPending() {
      flush();
      scrollTo({ top: 0 });
    },
    loadMore() {
      if (!nextCursor) return;
      const search = new URLSearchParams(filters);
      search.set('limit', String(pageSize));
      search.set('cursor', nextCursor);
      setLoading(true);
      fetchLogs(search)
        .then((page) => {
          setRecords((shown) => merge(shown, page.data));
          setNextCursor(page.next_cursor);
        })
        .catch((failure) => setError({ message: failure.message, status: failure.status ?? 0 }))
        .finally(() => setLoading(false));
    },
  };
}
