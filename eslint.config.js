// @ts-check
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const HTTP_FROM_DOMAINS = {
  group: ["**/http/*"],
  message: "import AppError and Principal from src/lib; only *.routes.ts use src/http",
};

export default tseslint.config(
  {
    ignores: ["node_modules", "dist", "web/dist", "data", ".tmp", "coverage", "src/db/migrations"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ["*.js", "scripts/*.mjs", "bin/*.js", "web/vite.config.ts"],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/switch-exhaustiveness-check": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      eqeqeq: ["error", "always"],
      // TypeScript already reports undefined names, with Node and DOM globals known.
      "no-undef": "off",
    },
  },
  // Hooks called conditionally break React's state; stale dependencies are worth a look, not a block.
  {
    files: ["web/src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
    },
  },
  // The analysis engine is pure: no I/O and nothing from the rest of the server. A relative import
  // that climbs out of src/analysis is refused at each folder depth.
  ...["src/analysis/*.ts", "src/analysis/*/*.ts", "src/analysis/*/*/*.ts"].map((files, depth) => ({
    files: [files],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [`${"../".repeat(depth + 1)}*`],
              message: "analysis/ imports nothing outside src/analysis",
            },
            {
              group: [
                "node:*",
                "fs",
                "path",
                "http",
                "net",
                "child_process",
                "pg",
                "drizzle-orm",
                "hono",
              ],
              message: "analysis/ does no I/O",
            },
          ],
        },
      ],
    },
  })),
  {
    // Routes → service → repo → schema: SQL and the schema stay in repos, Hono stays in routes.
    files: ["src/domains/**/*.service.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["hono", "hono/*", "@hono/*"], message: "services never import Hono" },
            HTTP_FROM_DOMAINS,
          ],
        },
      ],
    },
  },
  {
    // AppError and Principal are transport-neutral (src/lib): only routes reach into src/http.
    files: ["src/domains/**/*.ts"],
    ignores: [
      "src/domains/**/*.routes.ts",
      "src/domains/**/*.service.ts",
      "src/domains/**/*.test.ts",
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [HTTP_FROM_DOMAINS] }] },
  },
  {
    files: ["web/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/src/db/*", "**/src/domains/*", "drizzle-orm", "pg"],
              message: "the web app talks to the HTTP API only",
            },
          ],
        },
      ],
    },
  },
);
