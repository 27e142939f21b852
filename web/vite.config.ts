import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));

// The API listens on :3000 in development (`npm run dev`); production serves web/dist from the same origin.
const apiTarget = process.env.RAPPORT_API_URL ?? "http://localhost:3000";

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL("./dist", import.meta.url)),
    emptyOutDir: true,
    // Mantine core alone is ~600 kB minified; charts are lazy-loaded with the dashboard route.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: 5173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget },
    },
  },
});
