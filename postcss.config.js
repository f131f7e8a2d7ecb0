// Mantine 9 styles need postcss-preset-mantine (light-dark, rem, breakpoints mixins).
export default {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
