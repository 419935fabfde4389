// ESLint 9 flat config (issue 21, item 7): typescript-eslint for the TypeScript habits,
// react-hooks for hook dependencies, jsx-a11y for the accessibility we promise (WCAG 2.2 AA).
// Type-aware rules are not used: they need a full type program per run, which doubles the
// time on this 2-core machine; `tsc --noEmit` already covers the types.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  // scratch/ is each developer's own (git ignores it): notes and experiments, not the code.
  { ignores: ["build/", "public/build/", ".cache/", "node_modules/", ".bench/", "scratch/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // React lives only in app/; the react-hooks rules run the React Compiler over each file they see,
  // which took most of a 50 s run when they also read the tests, the command line and the benchmarks.
  { files: ["app/**/*.{ts,tsx}"], ...reactHooks.configs.flat.recommended },
  { files: ["app/**/*.{ts,tsx}"], ...jsxA11y.flatConfigs.recommended },
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // The code drops a field by rest-destructuring (`const { passwordHash: _hidden, ...visible } = user`) and
      // names a deliberately unused parameter or loop variable with a leading underscore, as tsc's noUnused*
      // checks already accept: one convention for both tools.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true }],
      // Module augmentation (load-context.ts: `interface AppLoadContext extends PrimedLoadContext {}`) has to be an
      // interface that extends one other; a type alias cannot merge into Remix's declaration.
      "@typescript-eslint/no-empty-object-type": ["error", { allowInterfaces: "with-single-extends" }],
      // Off: the rule catches control characters typed into a pattern by mistake. Every one in this code is a
      // \u escape written on purpose, to refuse or escape control characters (redirects, terminal output) or to
      // assert that none leak (the fuzz tests); none is an accident the rule could catch.
      "no-control-regex": "off",
    },
  },
);
