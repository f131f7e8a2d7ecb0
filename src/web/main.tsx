// Entry point: fonts (shipped with the app, no CDN), Mantine styles, i18n, query client, router.
import '@fontsource/inter/400.css';
import '@fontsource/inter/600.css';
import '@fontsource/inter/700.css';
import '@fontsource/noto-nastaliq-urdu/arabic-400.css';
import '@fontsource/noto-nastaliq-urdu/arabic-700.css';
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app.css';
import { DirectionProvider, MantineProvider, useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { direction, i18n, isLanguage, type Language } from './i18n';
import { ApiError } from './lib/api';
import { themeFor } from './lib/theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retry network trouble, not answers the server meant (4xx).
      retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});

/** Keeps Mantine's direction and theme (fonts, line height) in step with the language. */
function LanguageTheme({ children }: { children: ReactNode }) {
  const { i18n: instance } = useTranslation();
  const lang: Language = isLanguage(instance.language) ? instance.language : 'en';
  const { setDirection } = useDirection();
  useEffect(() => setDirection(direction(lang)), [lang, setDirection]);
  return (
    <MantineProvider theme={themeFor(lang)}>
      <Notifications position="top-center" />
      {children}
    </MantineProvider>
  );
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
const lang: Language = isLanguage(i18n.language) ? i18n.language : 'en';

createRoot(root).render(
  <StrictMode>
    <DirectionProvider initialDirection={direction(lang)} detectDirection={false}>
      <LanguageTheme>
        <QueryClientProvider client={queryClient}>
          <BrowserRouter>
            <App />
          </BrowserRouter>
        </QueryClientProvider>
      </LanguageTheme>
    </DirectionProvider>
  </StrictMode>,
);
