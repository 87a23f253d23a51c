import { render } from 'preact';
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { App } from './views/app.js';

const container = document.getElementById('app')!;
// The page's "Loading" line is for the moment before this script runs; render adds to what is there.
container.textContent = '';
render(<App />, container);
