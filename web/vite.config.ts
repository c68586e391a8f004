// Two pages, one build: the graph explorer (index.html, served at /) and an offline GraphiQL
// (graphiql.html, served at /graphiql). Output file names carry no content hashes, so the
// committed bundle in dist/ is reproducible from package-lock.json (scripts/e2e.sh checks it).
import { resolve } from "node:path";
import { defineConfig } from "vite";

const root = import.meta.dirname;

export default defineConfig({
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 4096,
    modulePreload: { polyfill: false },
    rollupOptions: {
      onwarn(warning, warn) {
        // React libraries' "use client" directives mean nothing in a client-only bundle.
        if (warning.code === "MODULE_LEVEL_DIRECTIVE") return;
        warn(warning);
      },
      input: {
        explorer: resolve(root, "index.html"),
        graphiql: resolve(root, "graphiql.html"),
      },
      output: {
        entryFileNames: "assets/[name].js",
        chunkFileNames: "assets/[name].js",
        assetFileNames: "assets/[name][extname]",
      },
    },
  },
  server: {
    // `npm run dev` against a local server: go run . --addr 127.0.0.1:8080
    proxy: { "/graphql": "http://127.0.0.1:8080" },
  },
});
