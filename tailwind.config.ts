// Tailwind 4 is configured in CSS (client/index.css: `@import "tailwindcss" source(".")`); this file documents
// that choice and keeps the design tokens used outside CSS in one place.
export const theme = {
  statusColors: 'see shared/runs/status.ts',
} as const;
