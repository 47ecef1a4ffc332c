// Lints code snippets as if they were files of the project, with the project's real ESLint config, and prints
// the rule ids each one triggers as JSON. Run by test/lint/architecture-rules.test.ts in its own Node process,
// because ESLint loads the flat config (an ES module) with import(), which Jest's module sandbox does not allow.
import { ESLint } from 'eslint';

const cases = JSON.parse(process.argv[2]);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, code } of cases) {
  const [result] = await eslint.lintText(code, { filePath });
  results.push(result.messages.filter((message) => message.severity === 2).map((message) => message.ruleId ?? 'parse-error'));
}
process.stdout.write(JSON.stringify(results));
