// Prettier owns the layout of the TypeScript and JavaScript (.prettierignore keeps it off everything else). The
// options are the ones that change least of the code as it was written: single quotes, semicolons, trailing commas
// wherever allowed, parentheses around every arrow's parameters (Prettier's defaults but for the quotes), and the
// project's 120-character lines.
/** @type {import('prettier').Config} */
export default {
  printWidth: 120,
  singleQuote: true,
  // Template literals are output bytes (HTML, SVG, Markdown of the reports): never reformat what is inside them.
  embeddedLanguageFormatting: 'off',
};
