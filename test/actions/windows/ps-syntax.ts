// tree-sitter-powershell as a syntax checker: a script with any ERROR or MISSING node fails.
import Parser from 'tree-sitter';

type SyntaxNode = Parser.SyntaxNode;

let parser: Parser | undefined;

async function getParser(): Promise<Parser> {
  if (parser) return parser;
  // The grammar package is ESM with top-level await: load it dynamically.
  // (A non-literal specifier: the package's "types" entry has no extension, which NodeNext cannot resolve.)
  const grammarPackage: string = 'tree-sitter-powershell';
  const mod = (await import(grammarPackage)) as { default: unknown };
  const p = new Parser();
  p.setLanguage(mod.default as Parser.Language);
  parser = p;
  return p;
}

export interface SyntaxProblem {
  kind: 'ERROR' | 'MISSING';
  line: number;
  column: number;
  near: string;
}

export async function powershellSyntaxProblems(text: string): Promise<SyntaxProblem[]> {
  const p = await getParser();
  // The native binding reads input in chunks; a larger buffer lets long scripts parse in one go.
  const tree = p.parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 4 + 1024) });
  const problems: SyntaxProblem[] = [];
  const walk = (n: SyntaxNode) => {
    if (n.type === 'ERROR' || n.isMissing) {
      problems.push({
        kind: n.isMissing ? 'MISSING' : 'ERROR',
        line: n.startPosition.row + 1,
        column: n.startPosition.column + 1,
        near: text.slice(n.startIndex, n.startIndex + 80),
      });
    }
    for (const c of n.children) walk(c);
  };
  walk(tree.rootNode);
  if (tree.rootNode.hasError && problems.length === 0) problems.push({ kind: 'ERROR', line: 0, column: 0, near: '(tree reports an error)' });
  return problems;
}
