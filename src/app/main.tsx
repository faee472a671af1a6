// Entry of the first bundle: everything a field phone needs to capture a case, nothing else.
import { render } from 'preact';
import { App } from './App';
import { registerPwa } from './pwa/register';
import './styles.css';

render(<App />, document.getElementById('app')!);
registerPwa();
