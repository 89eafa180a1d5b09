import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { App } from './app.tsx';
import { i18n, initI18n } from './i18n/i18n.ts';
import { installAntdReact19Render } from './platform/antd-react-19.ts';
import './main.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

installAntdReact19Render();

initI18n().then(
  () => {
    createRoot(container).render(
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </StrictMode>,
    );
  },
  () => {
    // Without a catalogue there is no translated text to show; say so in both languages.
    container.textContent = '页面加载失败，请检查网络后刷新。 The page failed to load; check your network and reload.';
  },
);
