/**
 * Finds product calls in source text by syntax (not by grep, so comments and prose do not count):
 * `requestJira` / `requestConfluence` / `requestBitbucket` named anywhere, `asApp()` / `asUser()` calls,
 * a `fetch(...)` of the global fetch or of @forge/api, a `/rest/api/...` product path in a string, and
 * imports of @forge/api in front-end code.
 */
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  what: string;
}

const PRODUCT_METHODS = new Set(['requestJira', 'requestConfluence', 'requestBitbucket']);
const IMPERSONATION = new Set(['asApp', 'asUser']);
const GLOBAL_OBJECTS = new Set(['globalThis', 'window', 'self', 'global', 'api']);
const PRODUCT_PATH = /\/rest\/(api|agile|servicedeskapi|auditing)\/|\/wiki\/(rest|api)\/|\.atlassian\.net/;

export function findProductCalls(file: string, text: string, options: { frontEnd: boolean }): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const findings: Finding[] = [];
  const add = (node: ts.Node, what: string): void => {
    findings.push({ file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, what });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && PRODUCT_METHODS.has(node.text)) add(node, node.text);
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (IMPERSONATION.has(name)) add(node, `${name}()`);
      const target = ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) ? callee.expression.text : null;
      if (name === 'fetch' && (ts.isIdentifier(callee) || (target !== null && GLOBAL_OBJECTS.has(target)))) add(node, 'fetch()');
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) && PRODUCT_PATH.test(node.text)) {
      add(node, `product path "${node.text}"`);
    }
    if (options.frontEnd && ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text.startsWith('@forge/api')) {
      add(node, 'import of @forge/api in front-end code');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return findings;
}
