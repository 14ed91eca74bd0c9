import { render } from 'preact';
import { App } from './app';
import { interceptLinks } from './router';
import './styles.css';

performance.mark('app:start');
const root = document.getElementById('app')!;
interceptLinks(document.body);
render(<App />, root);
