/**
 * The console's shell: the two views (requests, charts) and the record shown in detail, all kept in
 * the URL so the back button, a reload and a shared link show the same thing.
 */
import { useEffect, useState } from 'preact/hooks';
import { type ConsoleState, readState, writeState } from '../lib/filters.js';
import { ChartsView } from './charts-view.js';
import { RecordDetail } from './record-detail.js';
import { RequestsView } from './requests-view.js';

export type Navigate = (change: Partial<ConsoleState>, replace?: boolean) => void;

export function App() {
  const [state, setState] = useState<ConsoleState>(() => readState(location.search));

  useEffect(() => {
    const onPopState = () => setState(readState(location.search));
    addEventListener('popstate', onPopState);
    return () => removeEventListener('popstate', onPopState);
  }, []);

  const navigate: Navigate = (change, replace = false) => {
    const next = { ...state, ...change };
    const url = writeState(next);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    setState(next);
  };

  const tab = (view: ConsoleState['view'], label: string) => (
    <a
      href={writeState({ ...state, view, open: null })}
      aria-current={state.view === view ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate({ view, open: null });
      }}
    >
      {label}
    </a>
  );

  return (
    <>
      <header class="top">
        <h1>AI Gateway</h1>
        <nav aria-label="Views">
          {tab('requests', 'Requests')}
          {tab('charts', 'Charts')}
        </nav>
      </header>
      <main>
        {state.view === 'charts' ? <ChartsView range={state.range} navigate={navigate} /> : <RequestsView filters={state.filters} navigate={navigate} />}
      </main>
      {state.open && <RecordDetail traceId={state.open} onClose={() => navigate({ open: null })} />}
    </>
  );
}
