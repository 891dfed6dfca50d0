#!/usr/bin/env bash
# Formats the whole code base with Prettier once, after the branches that were written before Prettier came in are
# merged, then rebuilds what is made from the code so that every freshness test still holds:
#   1. prettier --write . : the TypeScript and JavaScript only (.prettierignore keeps docs, rules, schemas, fixtures,
#      generated files and dist/ out). Twice: Prettier 3.10 lays out a few long call chains differently on its second
#      pass (bench/generate.mjs), and the check must find nothing left;
#   2. docs/api.md from src/index.ts's types (`npm run generate:api`), in case a reformatted type reads differently;
#   3. the generated files (`npm run generate`; Prettier does not touch them, the generator writes them as always);
#   4. the committed GitHub Action bundle (`npm run build:action`): esbuild keeps some of the source's line breaks,
#      so the reformatted code bundles to different bytes, and test/action.test.ts compares them;
#   5. checks: Prettier reports nothing left, ESLint reports no error, tsc passes.
# Then review `git status`/`git diff --stat`, run `npm test`, and commit the result as one "format with Prettier" commit.
set -euo pipefail
cd "$(dirname "$0")/.."

npx prettier --write . --log-level warn
npx prettier --write . --log-level warn
npm run generate:api --silent
npm run generate --silent
npm run build:action --silent
npx prettier --check . --log-level warn
npx eslint .
npm run typecheck --silent
git status --short
