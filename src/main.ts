import { mount } from 'svelte';
import App from './views/App.svelte';
import './app.css';

const target = document.getElementById('app')!;
// index.html paints a plain shell at once; the app takes its place.
target.replaceChildren();
mount(App, { target });
