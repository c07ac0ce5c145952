// The admin console's entry. /admin/ is both the app and msal-browser's redirect URI: a sign-in answer arriving in a
// popup or hidden frame is handed to the main window by the redirect bridge; everything else starts the app.
import { render } from 'preact';
import { App } from './App.tsx';
import './console.css';

const root = document.getElementById('app');
if (root) render(<App />, root);
