/// <reference types="vite/client" />

// Test hooks and small data attributes are plain HTML: allowed on every element under strictTemplates.
declare module '@vue/runtime-dom' {
  interface HTMLAttributes { [key: `data-${string}`]: unknown }
}
export {};
