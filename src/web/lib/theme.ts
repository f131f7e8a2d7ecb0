// Mantine themes for each language. Urdu is set in Noto Nastaliq Urdu, which needs more line
// height (≈2) and a slightly larger size to stay readable; English is set in Inter.
import { Badge, createTheme, type MantineThemeOverride } from '@mantine/core';
import type { Language } from '../i18n';

const SYSTEM = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const INTER = `Inter, ${SYSTEM}`;
const NASTALIQ = `"Noto Nastaliq Urdu", ${INTER}`;

const base: MantineThemeOverride = {
  primaryColor: 'teal',
  defaultRadius: 'md',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
};

const english = createTheme({
  ...base,
  fontFamily: INTER,
  headings: { fontFamily: INTER },
});

const urdu = createTheme({
  ...base,
  fontFamily: NASTALIQ,
  headings: {
    fontFamily: NASTALIQ,
    fontWeight: '700',
    sizes: {
      h1: { fontSize: '2.1rem', lineHeight: '2' },
      h2: { fontSize: '1.75rem', lineHeight: '2' },
      h3: { fontSize: '1.4rem', lineHeight: '2' },
      h4: { fontSize: '1.2rem', lineHeight: '2' },
    },
  },
  fontSizes: { xs: '0.8rem', sm: '0.925rem', md: '1.05rem', lg: '1.2rem', xl: '1.35rem' },
  lineHeights: { xs: '1.9', sm: '1.95', md: '2', lg: '2.05', xl: '2.1' },
  components: {
    // Nastaliq is tall: badges grow with their text instead of clipping it, and are not upper-cased.
    Badge: Badge.extend({
      defaultProps: { size: 'lg' },
      styles: { root: { height: 'auto', paddingBlock: 2, textTransform: 'none' }, label: { overflow: 'visible', lineHeight: 1.9, fontWeight: 400 } },
    }),
  },
});

export const themeFor = (lang: Language) => (lang === 'ur' ? urdu : english);
